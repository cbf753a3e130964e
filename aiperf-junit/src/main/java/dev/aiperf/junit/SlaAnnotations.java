package dev.aiperf.junit;

import dev.aiperf.engine.api.model.ConfigException;
import dev.aiperf.engine.api.model.SlaRule;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * A method's {@link Sla} annotations as engine rules. The engine checks them before anything runs (a metric it
 * never reports, a stat it does not compute, a token-timing metric without streaming).
 */
final class SlaAnnotations {

    private SlaAnnotations() {
    }

    static List<SlaRule> rules(Method method) {
        List<SlaRule> rules = new ArrayList<>();
        for (Sla s : AnnotationSupport.findRepeatableAnnotations(method, Sla.class)) {
            try {
                rules.add(new SlaRule(s.metric(), s.stat(), s.op(), s.threshold()));
            } catch (ConfigException e) {
                throw new ExtensionConfigurationException("@Sla(metric = \"" + s.metric() + "\", stat = \""
                        + s.stat() + "\"): " + e.getMessage(), e);
            }
        }
        return rules;
    }
}
