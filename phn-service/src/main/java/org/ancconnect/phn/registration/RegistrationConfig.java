package org.ancconnect.phn.registration;

/** Registration settings ({@code phn.registration.*}). */
public interface RegistrationConfig {

    /** Secret key of the NIC's keyed hash (HMAC-SHA256); the NIC itself is never stored (env PHN_NIC_HASH_KEY). */
    String nicHashKey();
}
