package dev.aiperf.bench;

import dev.aiperf.mock.MockServer;
import dev.aiperf.mock.MockServerConfig;

import java.nio.file.Path;

/**
 * A zero-latency mock server in a JVM of its own, so a bench measures the harness's heap and CPU alone: prints its
 * base URL on the first line and serves until its standard input closes (the parent process ended or closed it).
 */
public final class MockServerProcess {

    private MockServerProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (MockServer server = MockServer.start(MockServerConfig.zeroLatency())) {
            System.out.println(server.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // Serve until the parent closes the pipe.
            }
        }
    }

    /** Starts one beside this JVM, with the same class path; the caller destroys it. */
    static Process start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                MockServerProcess.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** The base URL the child printed. */
    static String baseUrl(Process process) throws Exception {
        return new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
    }
}
