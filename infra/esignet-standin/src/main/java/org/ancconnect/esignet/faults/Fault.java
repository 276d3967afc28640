package org.ancconnect.esignet.faults;

/** Misbehaviours a test can arm for a client's next token or userinfo response (dev/test only). */
public enum Fault {
    /** The ID token's {@code aud} names another client. */
    ID_TOKEN_WRONG_AUDIENCE,
    /** The ID token is signed RS256 instead of eSignet's PS256. */
    ID_TOKEN_RS256,
    /** The ID token carries a nonce the relying party never sent. */
    ID_TOKEN_WRONG_NONCE,
    /** The ID token reports the static-code (password) ACR. */
    ID_TOKEN_STATIC_CODE_ACR,
    /** Userinfo is signed by a key that is not the identity system's. */
    USERINFO_BAD_SIGNATURE,
    /** Userinfo describes another person ({@code sub} differs from the ID token's). */
    USERINFO_OTHER_SUB
}
