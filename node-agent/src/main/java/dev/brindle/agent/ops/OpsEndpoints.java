package dev.brindle.agent.ops;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;

/** The health and metrics listeners of the agent, started and stopped together. */
public final class OpsEndpoints implements AutoCloseable {
    private final HealthServer health;
    private final HTTPServer metrics;

    private OpsEndpoints(HealthServer health, HTTPServer metrics) {
        this.health = health;
        this.metrics = metrics;
    }

    /**
     * @param healthListen {@code --health-listen}, e.g. {@code 127.0.0.1:9099}
     * @param metricsListen {@code --metrics-listen}, e.g. {@code 127.0.0.1:9091}
     */
    public static OpsEndpoints start(
            String healthListen, String metricsListen, AgentHealth agentHealth, PrometheusRegistry registry)
            throws IOException {
        HealthServer h =
                HealthServer.start(parse(healthListen, "--health-listen"), agentHealth::live, agentHealth::readiness);
        InetSocketAddress m = parse(metricsListen, "--metrics-listen");
        try {
            HTTPServer server = HTTPServer.builder()
                    .inetAddress(m.getAddress())
                    .port(m.getPort())
                    .registry(registry)
                    .buildAndStart();
            return new OpsEndpoints(h, server);
        } catch (IOException e) {
            h.close();
            throw new IOException("cannot listen on " + metricsListen + " for --metrics-listen: " + e.getMessage(), e);
        }
    }

    /** {@code host:port} (port 0 picks a free one). */
    static InetSocketAddress parse(String listen, String flag) {
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException(flag + " must be host:port, e.g. 127.0.0.1:9099, got '" + listen + "'");
        }
        String host = listen.substring(0, colon).replace("[", "").replace("]", "");
        try {
            return new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + " must be host:port with port 0-65535, got '" + listen + "'");
        }
    }

    public InetSocketAddress healthAddress() {
        return health.address();
    }

    public int metricsPort() {
        return metrics.getPort();
    }

    @Override
    public void close() {
        health.close();
        metrics.close();
    }
}
