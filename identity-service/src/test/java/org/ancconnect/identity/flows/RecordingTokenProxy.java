package org.ancconnect.identity.flows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test-only man in the middle between identity-service and eSignet's token endpoint: it forwards every token request
 * unchanged and records its {@code client_assertion}, until {@link #replayOnNextRequest()} makes it substitute the
 * assertion of the last request it forwarded into the next one (a stolen, replayed assertion). Every exchange is kept
 * so a test can show what eSignet answered.
 */
final class RecordingTokenProxy implements AutoCloseable {

    /** One forwarded token request: the assertion identity-service sent, the one eSignet received, and its answer. */
    record Exchange(String sentAssertion, String forwardedAssertion, int status, String body) {

        boolean replayed() {
            return !sentAssertion.equals(forwardedAssertion);
        }
    }

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private volatile boolean replayNext;

    private RecordingTokenProxy(HttpServer server, URI target) {
        this.server = server;
        this.target = target;
    }

    /** Starts a proxy on a free local port in front of the token endpoint {@code target}. */
    static RecordingTokenProxy start(URI target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            RecordingTokenProxy proxy = new RecordingTokenProxy(server, target);
            server.createContext("/", proxy::handle);
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the token proxy", e);
        }
    }

    /** The URL identity-service is configured to use as the token endpoint. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + target.getPath();
    }

    /** The next token request carries the previous request's client assertion instead of its own. */
    void replayOnNextRequest() {
        replayNext = true;
    }

    List<Exchange> exchanges() {
        return List.copyOf(exchanges);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String form;
            try (InputStream in = exchange.getRequestBody()) {
                form = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String sent = param(form, "client_assertion");
            String forwarded = sent;
            if (replayNext && !exchanges.isEmpty()) {
                replayNext = false;
                forwarded = exchanges.getLast().forwardedAssertion();
                String original = "client_assertion=" + URLEncoder.encode(sent, StandardCharsets.UTF_8);
                if (!form.contains(original)) {
                    throw new IllegalStateException("Client assertion not found verbatim in the token request");
                }
                form = form.replace(original, "client_assertion=" + URLEncoder.encode(forwarded, StandardCharsets.UTF_8));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            for (String header : List.of("Content-Type", "Accept", "Authorization")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            exchanges.add(new Exchange(sent, forwarded, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8)));
            response.headers().firstValue("Content-Type").ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The decoded value of a form parameter (the client assertion is always present on a private_key_jwt request). */
    private static String param(String form, String name) {
        List<String> values = new ArrayList<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        if (values.size() != 1) {
            throw new IllegalStateException("Token request without exactly one " + name);
        }
        return values.getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
        http.close();
    }
}
