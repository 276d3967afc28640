package org.ancconnect.esignet;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Configuration of the eSignet stand-in ({@code esignet.*}). DEV/TEST ONLY. Every value that a real eSignet
 * deployment publishes in its discovery document is configurable, so tests can point identity-service at a
 * second instance that looks like a different deployment.
 */
@ConfigMapping(prefix = "esignet")
public interface StandinConfig {

    /** Issuer published in discovery and ID tokens; endpoints hang below it as on eSignet 1.8 (env ESIGNET_ISSUER). */
    String issuer();

    /** Fixed OTP accepted for every transaction (tests); when absent a random OTP is generated and printed to the log. */
    Optional<String> fixedOtp();

    /** Seed file of synthetic identities (JSON); when absent the bundled Sri Lankan seed is used. */
    Optional<String> seedFile();

    /** Salt of the pairwise subject hash; another salt makes another deployment's subjects. */
    @WithDefault("anc-esignet-standin")
    String pairwiseSalt();

    /** ACR values this deployment advertises; eSignet's mock identity system supports these three. */
    @WithDefault("mosip:idp:acr:generated-code,mosip:idp:acr:static-code,mosip:idp:acr:biometrics")
    List<String> acrValuesSupported();

    /** Locales the identity system holds claims in (claims_locales). */
    @WithDefault("en,si,ta")
    List<String> claimsLocalesSupported();

    /** Lifetime of an authorization code; eSignet's default is short. */
    @WithDefault("PT2M")
    Duration codeLifetime();

    /** Life of a pushed authorization request's request_uri (eSignet's mosip.esignet.par.expire-seconds, default 60). */
    @WithDefault("PT60S")
    Duration parLifetime();

    /** Lifetime of an authorize transaction (ID, OTP and consent pages). */
    @WithDefault("PT10M")
    Duration transactionLifetime();

    /** Access token lifetime: eSignet 1.8 answers expires_in 3600. */
    @WithDefault("PT1H")
    Duration accessTokenLifetime();

    /** Userinfo-specific settings. */
    Userinfo userinfo();

    /** Whether the test-only fault injection endpoint is served (never in a shared environment). */
    @WithDefault("false")
    boolean faultsEnabled();

    /** How the identity system signs userinfo. */
    interface Userinfo {

        /** {@code iss} put in userinfo (the identity system's, not eSignet's); empty to leave it out. */
        Optional<String> issuer();

        /** Whether userinfo carries {@code aud} = client id, as some eSignet deployments do. */
        @WithDefault("true")
        boolean includeAudience();

        /** Whether the identity system's signing key is also published in eSignet's JWKS. */
        @WithDefault("false")
        boolean keyInEsignetJwks();
    }
}
