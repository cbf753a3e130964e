/**
 * The HTML report: one self-contained {@code report.html} built from an artifact directory's files alone (sweep and
 * cell aggregates, per-run exports, per-request records, search history, recipe outputs), with ECharts inlined so
 * it opens offline. It comes after {@code compare} because a comparison's report shows the verdicts.
 */
package dev.aiperf.engine.view;
