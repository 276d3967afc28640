package org.ancconnect.testsupport.esignet;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts an eSignet stand-in process for identity-service's tests, generates identity-service's three client keys
 * into {@code target/}, registers the clients (staff sign-in; patient sign-in and verify sharing one relying-party id)
 * and returns the configuration identity-service needs. Init arg {@code variant=secondary} starts an instance that
 * looks like another deployment: other issuer host, keys, pairwise salt, ACRs, claim locales and userinfo issuer.
 * Fields annotated {@link InjectEsignet} of type {@link EsignetStandin} receive the instance.
 */
public class EsignetTestResource implements QuarkusTestResourceLifecycleManager {

    /** Client ids and relying parties registered for identity-service. */
    public static final String STAFF_CLIENT = "anc-identity-staff";
    public static final String PATIENT_CLIENT = "anc-identity-patient";
    public static final String VERIFY_CLIENT = "anc-identity-verify";
    public static final List<String> PATIENT_CLAIMS = List.of("name", "given_name", "family_name", "birthdate", "gender",
            "phone_number", "address", "individual_id");
    private static final String KEYSTORE_PASSWORD = "test-keystore-password";

    /** Marks a test field that receives the running stand-in. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectEsignet {
    }

    private EsignetStandin standin;
    private boolean secondary;

    @Override
    public void init(Map<String, String> initArgs) {
        secondary = "secondary".equals(initArgs.get("variant"));
    }

    @Override
    public Map<String, String> start() {
        standin = secondary
                ? EsignetStandin.start("secondary", "localhost", Map.of("esignet.pairwise-salt", "other-deployment",
                        "esignet.acr-values-supported", "mosip:idp:acr:generated-code", "esignet.claims-locales-supported", "en,si",
                        "esignet.userinfo.issuer", "https://ida.other-deployment.invalid", "esignet.userinfo.include-audience", "false",
                        "esignet.userinfo.key-in-esignet-jwks", "true"))
                : EsignetStandin.start("primary", "127.0.0.1", Map.of());
        int identityPort = EsignetStandin.freePort();
        String publicUrl = "http://127.0.0.1:" + identityPort;
        ClientKeystore keys = ClientKeystore.generate(Path.of("target", "test-keys", (secondary ? "secondary" : "primary") + "-clients.p12"),
                KEYSTORE_PASSWORD, List.of("staff", "patient", "verify"));
        registerSuiteClients(standin, keys, publicUrl);

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.http.test-port", String.valueOf(identityPort));
        config.put("identity.public-url", publicUrl);
        config.put("anc.internal-issuer", publicUrl + "/internal");
        config.put("identity.esignet.issuer", standin.issuer());
        config.put("identity.esignet.userinfo-jwks-url", standin.identitySystemJwksUrl());
        config.put("identity.esignet.userinfo-issuers", secondary ? "https://ida.other-deployment.invalid"
                : "https://mock-identity-system.esignet-standin.invalid");
        config.put("identity.esignet.claims-locales", secondary ? "en si" : "en");
        config.put("identity.esignet.staff-client-id", STAFF_CLIENT);
        config.put("identity.esignet.patient-client-id", PATIENT_CLIENT);
        config.put("identity.esignet.verify-client-id", VERIFY_CLIENT);
        config.put("identity.keystore.file", keys.file().toAbsolutePath().toString());
        config.put("identity.keystore.password", keys.password());
        return config;
    }

    /**
     * Registers identity-service's three clients (staff sign-in, patient sign-in, verification; the patient and
     * verify clients share one relying-party id so a mother's pairwise {@code sub} is the same in both) with
     * {@code standin}, their public keys from {@code keys} and redirect URIs under {@code identityPublicUrl}.
     */
    public static void registerSuiteClients(EsignetStandin standin, ClientKeystore keys, String identityPublicUrl) {
        List<String> acrs = List.of("mosip:idp:acr:generated-code", "mosip:idp:acr:biometrics");
        standin.registerClient(STAFF_CLIENT, keys.publicJwk("staff"), "anc-connect-staff",
                List.of(identityPublicUrl + "/signin/staff/callback"), List.of("name", "individual_id"), acrs, true, false);
        standin.registerClient(PATIENT_CLIENT, keys.publicJwk("patient"), "anc-connect-patients",
                List.of(identityPublicUrl + "/signin/patient/callback"), PATIENT_CLAIMS, acrs, true, false);
        standin.registerClient(VERIFY_CLIENT, keys.publicJwk("verify"), "anc-connect-patients",
                List.of(identityPublicUrl + "/verify/callback"), PATIENT_CLAIMS, acrs, true, true);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(standin, new TestInjector.AnnotatedAndMatchesType(InjectEsignet.class, EsignetStandin.class));
    }

    @Override
    public void stop() {
        if (standin != null) {
            standin.close();
        }
    }
}
