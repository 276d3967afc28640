package org.ancconnect.phn.issuance;

import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** PHN format and issuance settings ({@code phn.issuance.*}). */
public interface IssuanceConfig {

    /** Characters allowed in the POI and body: no vowels (no words), no look-alikes (0/O, 1/I/L). */
    @WithDefault("23456789BCDFGHJKMNPQRSTVWXYZ")
    String alphabet();

    /** Length of the point-of-issue code (NDHGS reading: 4). */
    @WithDefault("4")
    int poiLength();

    /** Length of the random-looking body (NDHGS reading: 6). */
    @WithDefault("6")
    int bodyLength();

    /** Separator printed between POI, body and check digit; input is accepted with or without it. */
    @WithDefault("-")
    String separator();

    /** Check character algorithm (NDHGS reading: Regenstrief/OpenMRS modified Luhn, one decimal digit). */
    @WithDefault("MODIFIED_LUHN")
    CheckAlgorithm checkAlgorithm();

    /** POI used when the registering facility has no POI of its own. */
    @WithDefault("CMBT")
    String defaultPoi();

    /** Reserved POI for test and training registrations; never issued to real patients. */
    @WithDefault("TSTX")
    String testPoi();

    /** POI of each issuing unit, keyed by DHIS2 org unit uid. */
    Map<String, String> facilityPoi();

    /**
     * Secret key of the body permutation (hex, at least 32 bytes). Without it issued bodies are enumerable by
     * anyone who knows the algorithm; the default is for dev and tests only and is refused in prod.
     */
    Optional<String> permutationKey();

    /** Fraction of a POI's body space after which every issuance logs a capacity warning. */
    @WithDefault("0.8")
    double capacityWarningRatio();
}
