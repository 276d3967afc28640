package org.ancconnect.testsupport.esignet;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Dev only, run by {@code infra/run-local.sh}: generates identity-service's client keystore and registers
 * its three clients with the eSignet stand-in the script started, exactly as the tests do. The stand-in
 * keeps registrations in memory, so this runs at every local start.
 *
 * <p>Usage: {@code LocalEsignetClients <stand-in issuer URL> <identity-service public URL> <keystore file>
 * <keystore password>}
 */
public final class LocalEsignetClients {

    private LocalEsignetClients() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: LocalEsignetClients <esignet-issuer> <identity-public-url> <keystore> <password>");
            System.exit(2);
        }
        URI issuer = URI.create(args[0]);
        ClientKeystore keys = ClientKeystore.generate(Path.of(args[2]), args[3], List.of("staff", "patient", "verify"));
        EsignetTestResource.registerSuiteClients(EsignetStandin.attach(issuer.getPort(), args[0]), keys, args[1]);
        System.out.println("Registered identity-service's eSignet clients with " + args[0]);
    }
}
