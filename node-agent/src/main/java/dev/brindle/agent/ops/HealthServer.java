package dev.brindle.agent.ops;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /liveness} and {@code /readiness} on {@code --health-listen} (Felix's health endpoints, port 9099): 200 when
 * good, 503 otherwise, with the reasons as plain text, one per line.
 */
public final class HealthServer implements AutoCloseable {
    private final HttpServer server;

    private HealthServer(HttpServer server) {
        this.server = server;
    }

    public static HealthServer start(InetSocketAddress listen, BooleanSupplier live, Supplier<Readiness> ready)
            throws IOException {
        HttpServer s = HttpServer.create(listen, 16);
        s.createContext("/liveness", x -> reply(x, live.getAsBoolean(), live.getAsBoolean() ? "live" : "not live"));
        s.createContext("/readiness", x -> {
            Readiness r = ready.get();
            reply(x, r.ready(), r.ready() ? "ready" : String.join("\n", r.reasons()));
        });
        s.start();
        return new HealthServer(s);
    }

    private static void reply(HttpExchange x, boolean ok, String body) throws IOException {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(ok ? 200 : 503, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
