package org.ancconnect.identity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Root of identity-service's own configuration ({@code identity.*}). */
@ConfigMapping(prefix = "identity")
public interface IdentityConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env IDENTITY_DB_NAME). */
    String dbName();

    /** Public base URL of identity-service as browsers reach it (env IDENTITY_PUBLIC_URL). */
    String publicUrl();

    /** Portal URLs a sign-in or verification may return to (prefix match; env IDENTITY_PORTAL_RETURN_URLS). */
    List<String> portalReturnUrls();

    /** eSignet deployment settings. */
    Esignet esignet();

    /** Relying-party keystore (PKCS12) holding the private_key_jwt and userinfo decryption keys. */
    Keystore keystore();

    /** Sessions, one-time codes and verification records. */
    Sessions sessions();

    /** Internal access tokens. */
    Tokens tokens();

    /** Keyed hashing of national IDs. */
    Privacy privacy();

    /** Staff directory. */
    Staff staff();

    /** phn-service. */
    Phn phn();

    /** Secrets of the code-flow cookies, referenced by the quarkus.oidc tenants. */
    Oidc oidc();

    /** The portal's credential on the session back channel. */
    PortalClient portalClient();

    interface PortalClient {

        /** Client id the portal sends in HTTP Basic. */
        @WithDefault("portal")
        String id();

        /** Client secret the portal sends in HTTP Basic (env IDENTITY_PORTAL_CLIENT_SECRET; no default outside dev/test). */
        String secret();
    }

    interface Oidc {

        /** Encrypts the state cookie holding the PKCE verifier and nonce (32+ chars; env IDENTITY_OIDC_STATE_SECRET). */
        String stateSecret();

        /** Encrypts the short-lived tenant session cookie (32+ chars; env IDENTITY_OIDC_COOKIE_SECRET). */
        String cookieSecret();
    }

    interface Esignet {

        /** eSignet issuer; its discovery document is read, never hard-coded (env IDENTITY_ESIGNET_ISSUER). */
        String issuer();

        /** JWKS URL of the identity system that signs userinfo (not eSignet's own; env IDENTITY_ESIGNET_USERINFO_JWKS_URL). */
        String userinfoJwksUrl();

        /** Accepted userinfo {@code iss} values when userinfo carries one. */
        Optional<Set<String>> userinfoIssuers();

        /** claims_locales requested (space separated); the first is the preferred locale of released names. */
        @WithDefault("en")
        String claimsLocales();

        /** Use pushed authorization requests when eSignet's discovery advertises the endpoint (eSignet 1.8 does). */
        @WithDefault("true")
        boolean pushedAuthorizationRequests();

        /** Userinfo must be read this soon after {@code auth_time}: eSignet userinfo has no exp, so our clock bounds it. */
        @WithDefault("PT5M")
        Duration maxAuthenticationAge();

        /** Client id of the staff sign-in client. */
        String staffClientId();

        /** Client id of the patient sign-in client (same relying-party id as verify). */
        String patientClientId();

        /** Client id of the patient verification client (same relying-party id as patient). */
        String verifyClientId();

        /** ACRs accepted for staff sign-in (OTP or biometrics; never a static code). */
        @WithDefault("mosip:idp:acr:generated-code,mosip:idp:acr:biometrics")
        Set<String> staffAcrs();

        /** ACRs accepted for patient sign-in. */
        @WithDefault("mosip:idp:acr:generated-code,mosip:idp:acr:biometrics")
        Set<String> patientAcrs();

        /** ACRs accepted for patient verification. */
        @WithDefault("mosip:idp:acr:generated-code,mosip:idp:acr:biometrics")
        Set<String> verifyAcrs();
    }

    interface Keystore {

        /** PKCS12 file path (env IDENTITY_KEYSTORE_FILE). */
        String file();

        /** Keystore and key password (env IDENTITY_KEYSTORE_PASSWORD). */
        String password();
    }

    interface Sessions {

        /** One-time code life: the portal exchanges it within one redirect. */
        @WithDefault("PT60S")
        Duration oneTimeCodeLifetime();

        /** Idle timeout of a session. */
        @WithDefault("PT30M")
        Duration idleTimeout();

        /** Absolute timeout of a session: one working shift. */
        @WithDefault("PT12H")
        Duration absoluteTimeout();

        /** Verification request and record life: the patient is at the desk. */
        @WithDefault("PT10M")
        Duration verificationLifetime();
    }

    interface Tokens {

        /** Issuer of internal tokens (anc.internal-issuer). */
        String issuer();

        /** Audience of internal tokens. */
        @WithDefault("anc-connect")
        String audience();

        /** Access token life (suite contract: 5 minutes). */
        @WithDefault("PT5M")
        Duration lifetime();

        /** Signing key rotation period; the next key is published one period ahead. */
        @WithDefault("P1D")
        Duration keyRotation();

        /** AES-256 key (base64) encrypting signing keys at rest (env IDENTITY_TOKEN_KEY_ENCRYPTION_KEY). */
        String keyEncryptionKey();
    }

    interface Privacy {

        /** HMAC key (base64, 32 bytes) for national-ID hashes (env IDENTITY_NATIONAL_ID_HASH_KEY). */
        String nationalIdHashKey();
    }

    interface Staff {

        /** Seed file of staff members loaded at start (JSON); absent for none. */
        Optional<String> seedFile();

        /** Life of an enrolment code. */
        @WithDefault("P14D")
        Duration enrolmentCodeLifetime();
    }

    interface Phn {

        /** Base URL of phn-service (env IDENTITY_PHN_URL). */
        @WithDefault("http://127.0.0.1:8082")
        String url();
    }
}
