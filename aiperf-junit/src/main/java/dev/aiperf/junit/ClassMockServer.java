package dev.aiperf.junit;

import dev.aiperf.mock.MockConfigException;
import dev.aiperf.mock.MockServer;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/** The embedded mock server shared by every benchmark of one test class, stopped when the class is done. */
final class ClassMockServer {

    private ClassMockServer() {
    }

    static MockServer of(ExtensionContext methodContext, Class<?> testClass, String where) {
        ExtensionContext classContext = methodContext.getParent().orElse(methodContext);
        // The class context's store closes the server (an AutoCloseable) once the class has finished.
        return classContext.getStore(AIPerfExtension.NAMESPACE).computeIfAbsent(MockServer.class, k -> {
            MockServerSettings annotation = AnnotationSupport.findAnnotation(testClass, MockServerSettings.class)
                    .orElse(null);
            try {
                return MockServer.start(MockServers.config(annotation, where));
            } catch (MockConfigException e) {
                throw new ExtensionConfigurationException(where + ": @MockServerSettings: " + e.getMessage(), e);
            }
        }, MockServer.class);
    }
}
