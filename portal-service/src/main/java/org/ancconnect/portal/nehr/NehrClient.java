package org.ancconnect.portal.nehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reactive client of the NEHR's FHIR REST API. Requests go out on Vert.x's HTTP client (never blocking the event
 * loop); parsing and serialising with HAPI, which is CPU work proportional to the record size, runs on worker
 * threads. Every call has a connect timeout and a whole-request deadline; failures become {@link NehrException}.
 */
@ApplicationScoped
public class NehrClient {

    /** One HAPI context per JVM: building it costs seconds, the cached one is thread-safe. */
    static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String FHIR_JSON = "application/fhir+json";

    private final HttpClient http;
    private final String base;
    private final NehrConfig config;

    NehrClient(Vertx vertx, @ConfigProperty(name = "anc.nehr.base-url") String baseUrl, NehrConfig config) {
        this.base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.config = config;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setMaxPoolSize(config.poolSize())
                .setKeepAlive(true));
    }

    /** Posts a transaction or batch bundle to the base URL and answers the response bundle. */
    public Uni<Bundle> post(Bundle bundle) {
        return Uni.createFrom().item(() -> FHIR.newJsonParser().encodeResourceToString(bundle))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(body -> exchange(HttpMethod.POST, base, body, bundle.getType().toCode()))
                .chain(json -> parse(json, Bundle.class));
    }

    /** A search relative to the base URL, e.g. {@code AuditEvent?entity=Patient/1&_sort=-date}. */
    public Uni<Bundle> search(String relativeUrl) {
        return exchange(HttpMethod.GET, base + "/" + relativeUrl, null, relativeUrl.substring(0, relativeUrl.indexOf('?')))
                .chain(json -> parse(json, Bundle.class));
    }

    private Uni<String> exchange(HttpMethod method, String url, String body, String what) {
        RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(url)
                .putHeader("Accept", FHIR_JSON)
                .setIdleTimeout(config.requestTimeout().toMillis());
        if (body != null) {
            options.putHeader("Content-Type", FHIR_JSON + ";charset=utf-8");
        }
        Uni<HttpClientResponse> response = http.request(options)
                .chain(req -> body == null ? req.send() : req.send(Buffer.buffer(body, StandardCharsets.UTF_8.name())));
        return response.chain(resp -> resp.body().map(buf -> check(resp.statusCode(), buf.toString(StandardCharsets.UTF_8), method, what)))
                .ifNoItem().after(config.requestTimeout()).failWith(() -> new TimeoutException())
                .onFailure(f -> !(f instanceof NehrException))
                .transform(f -> new NehrException("NEHR " + method + " " + what + " failed: " + describe(f), f));
    }

    private static String check(int status, String body, HttpMethod method, String what) {
        if (status >= 200 && status < 300) {
            return body;
        }
        throw new NehrException(status, "NEHR " + method + " " + what + " answered " + status + issueCodes(body));
    }

    /** The OperationOutcome's issue codes only: its diagnostics may quote record content. */
    private static String issueCodes(String body) {
        try {
            OperationOutcome oo = FHIR.newJsonParser().parseResource(OperationOutcome.class, body);
            StringBuilder codes = new StringBuilder(" (");
            oo.getIssue().forEach(i -> codes.append(i.getSeverity().toCode()).append(':').append(i.getCode().toCode()).append(' '));
            return codes.toString().trim() + ")";
        } catch (DataFormatException | ClassCastException | NullPointerException e) {
            return "";
        }
    }

    private static String describe(Throwable f) {
        return f instanceof TimeoutException ? "no answer within the request timeout" : f.getClass().getSimpleName()
                + (f.getMessage() == null ? "" : ": " + f.getMessage());
    }

    private static <T extends Resource> Uni<T> parse(String json, Class<T> type) {
        return Uni.createFrom().item(() -> {
            try {
                return FHIR.newJsonParser().parseResource(type, json);
            } catch (DataFormatException e) {
                throw new NehrException(200, "NEHR answered something that is not a FHIR " + type.getSimpleName());
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @PreDestroy
    void close() {
        http.closeAndForget();
    }
}
