package org.ancconnect.testsupport.esignet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * A PKCS12 keystore of relying-party keys generated for a test run with the JDK's {@code keytool} into
 * {@code target/}: the relying party reads its private keys from the file, the stand-in gets the public JWKs at
 * client registration. Keys never pass through configuration properties.
 */
public final class ClientKeystore {

    private final Path file;
    private final String password;

    private ClientKeystore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    /** Generates one RSA 2048 key pair per alias into a new keystore at {@code file}. */
    public static ClientKeystore generate(Path file, String password, List<String> aliases) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            for (String alias : aliases) {
                Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA",
                        "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=" + alias + ",O=ANC Connect test",
                        "-validity", "30", "-storetype", "PKCS12", "-keystore", file.toString(), "-storepass", password,
                        "-keypass", password).redirectErrorStream(true).start();
                String output = new String(process.getInputStream().readAllBytes());
                if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed for " + alias + ": " + output);
                }
            }
            return new ClientKeystore(file, password);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot generate the client keystore", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path file() {
        return file;
    }

    public String password() {
        return password;
    }

    /** The public JWK of {@code alias}, with {@code kid} = alias, as a JSON map for client registration. */
    public Map<String, Object> publicJwk(String alias) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            PublicKey key = store.getCertificate(alias).getPublicKey();
            PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(key);
            jwk.setKeyId(alias);
            jwk.setUse("sig");
            return jwk.toParams(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
        } catch (IOException | GeneralSecurityException | JoseException e) {
            throw new IllegalStateException("Cannot read key " + alias, e);
        }
    }
}
