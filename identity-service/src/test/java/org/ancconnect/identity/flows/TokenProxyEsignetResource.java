package org.ancconnect.identity.flows;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.ancconnect.testsupport.esignet.EsignetTestResource;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * The usual stand-in (see {@link EsignetTestResource}) with a {@link RecordingTokenProxy} in front of its token
 * endpoint for the staff client: the endpoint is read from the stand-in's discovery document and the staff tenant's
 * {@code token-path} (which quarkus-oidc prefers to the discovered one) points at the proxy. Every other endpoint,
 * the issuer and the assertion audience stay the stand-in's own. Fields annotated {@link InjectTokenProxy} receive
 * the proxy.
 */
public class TokenProxyEsignetResource extends EsignetTestResource {

    /** Marks a test field that receives the running proxy. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectTokenProxy {
    }

    private RecordingTokenProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        proxy = RecordingTokenProxy.start(URI.create(discoveredTokenEndpoint(config.get("identity.esignet.issuer"))));
        config.put("quarkus.oidc.esignet-staff.token-path", proxy.url());
        return config;
    }

    private static String discoveredTokenEndpoint(String issuer) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String discovery = http.send(HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return (String) JsonUtil.parseJson(discovery).get("token_endpoint");
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("Cannot read the stand-in's discovery document", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        super.inject(testInjector);
        testInjector.injectIntoFields(proxy, new TestInjector.AnnotatedAndMatchesType(InjectTokenProxy.class, RecordingTokenProxy.class));
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        super.stop();
    }
}
