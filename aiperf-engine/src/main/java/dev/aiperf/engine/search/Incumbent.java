package dev.aiperf.engine.search;

/**
 * What an improvement-based acquisition improves on. {@code BEST_OBSERVED} is expected improvement's classic
 * incumbent (log EI, EHVI against the observed front). {@code BEST_POSTERIOR_MEAN} is this engine's stand-in for
 * the "noisy" acquisitions (qNEI, qLogNEI, qNEHVI, qLogNEHVI): under measurement noise the best observed value is
 * biased upwards by luck, so the incumbent is the best GP posterior mean at the evaluated points (the front of
 * the posterior means for several objectives). BoTorch integrates over the joint posterior of those points
 * instead; the plug-in keeps the property that matters, that one lucky measurement does not stop exploration.
 */
public enum Incumbent { BEST_OBSERVED, BEST_POSTERIOR_MEAN }
