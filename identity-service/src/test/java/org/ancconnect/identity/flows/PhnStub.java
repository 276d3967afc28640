package org.ancconnect.identity.flows;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A local stand-in for phn-service's person search (phn-service is built concurrently), answering the contract
 * identity-service assumes: {@code GET /api/v1/persons?esignetSub=<sub>} with a bearer token, returning
 * {@code {"items":[{"phn":"..."}]}}. Records the last query and Authorization header for assertions.
 */
public class PhnStub implements QuarkusTestResourceLifecycleManager {

    static volatile List<String> phns = List.of();
    static volatile String lastSub;
    static volatile String lastAuthorization;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/persons", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            lastSub = query != null && query.startsWith("esignetSub=")
                    ? URLDecoder.decode(query.substring("esignetSub=".length()), StandardCharsets.UTF_8) : null;
            lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
            String body = "{\"items\":[" + phns.stream().map(p -> "{\"phn\":\"" + p + "\",\"personId\":\"x\"}")
                    .collect(Collectors.joining(",")) + "],\"total\":" + phns.size() + "}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(lastAuthorization == null ? 401 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return Map.of("identity.phn.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
