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
 * A local stand-in for phn-service's look-up by eSignet subject, answering its contract (phn-service's
 * {@code PersonResource.byEsignetSubject}): {@code GET /api/persons/by-esignet-sub?sub=<sub>} with a bearer token,
 * returning {@code {"items":[{"phn":"..."}]}}; any other path is a 404, as phn-service answers it. Records the last
 * query and Authorization header for assertions.
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
        server.createContext("/", exchange -> {
            if (!"/api/persons/by-esignet-sub".equals(exchange.getRequestURI().getPath())) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            lastSub = query != null && query.startsWith("sub=")
                    ? URLDecoder.decode(query.substring("sub=".length()), StandardCharsets.UTF_8) : null;
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
