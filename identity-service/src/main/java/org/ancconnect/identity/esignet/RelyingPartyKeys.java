package org.ancconnect.identity.esignet;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.EnumMap;
import java.util.Map;
import org.ancconnect.identity.IdentityConfig;

/**
 * The relying-party private keys, read once from the PKCS12 keystore (never from properties): quarkus-oidc signs
 * client assertions with them, and identity-service decrypts JWE userinfo with them. Alias = tenant id.
 */
@ApplicationScoped
public class RelyingPartyKeys {

    private final Map<EsignetFlow, PrivateKey> keys = new EnumMap<>(EsignetFlow.class);

    public RelyingPartyKeys(IdentityConfig config) {
        char[] password = config.keystore().password().toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(config.keystore().file()))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (EsignetFlow flow : EsignetFlow.values()) {
                Key key = store.getKey(flow.tenant(), password);
                if (!(key instanceof PrivateKey privateKey)) {
                    throw new IllegalStateException("Keystore has no private key with alias " + flow.tenant());
                }
                keys.put(flow, privateKey);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the relying-party keystore " + config.keystore().file(), e);
        }
    }

    public PrivateKey privateKey(EsignetFlow flow) {
        return keys.get(flow);
    }
}
