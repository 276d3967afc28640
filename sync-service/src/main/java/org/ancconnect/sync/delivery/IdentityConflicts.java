package org.ancconnect.sync.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Tells the two causes of a 409 on a transaction apart. The NEHR refuses a Patient carrying an identifier
 * another Patient already has (its unique-identifier rule): when two deliveries race to create the same
 * mother, the loser's retry finds her and succeeds (transient); when the identifier (an eSignet {@code sub},
 * a NIC, a tracked-entity id) belongs to a Patient with another PHN, no retry can ever succeed (permanent:
 * the person's identities must be reconciled by a merge in phn-service). After a 409, every identifier of
 * the bundle's conditionally upserted Patients is looked up in the NEHR; an owner whose PHN is not one of
 * the Patients being written makes it a conflict. The reason names the identifier system, never its value
 * (a value identifies a person and would end up in the dead-letter header and the status row).
 */
public final class IdentityConflicts {

    /** A true identity conflict: permanent, dead-lettered at once. The message names the identifier system only. */
    public static final class IdentityConflict extends RuntimeException {
        private final String system;

        public IdentityConflict(String system) {
            super("identity conflict: identifier " + system + " of this Patient already belongs to another NEHR Patient"
                    + " (a different PHN); reconcile the two in phn-service (merge)");
            this.system = system;
        }

        public String system() {
            return system;
        }
    }

    private IdentityConflicts() {
    }

    /**
     * The system of the first identifier of a Patient written by {@code bundle} that the NEHR holds on a Patient whose
     * PHN is none of {@code ownPhns}; empty when the conflict can only be a race.
     *
     * @param phnSystem the PHN identifier system
     * @param ownPhns the PHNs of the Patients the bundle writes (the survivor and, for a merge, the retired ones)
     * @param patientByIdentifier the NEHR search {@code Patient?identifier=system|value} (first match)
     */
    public static Optional<String> find(JsonNode bundle, String phnSystem, Set<String> ownPhns,
            Function<String, Optional<JsonNode>> patientByIdentifier) {
        for (JsonNode entry : bundle.path("entry")) {
            JsonNode patient = entry.path("resource");
            if (!"Patient".equals(patient.path("resourceType").asText())
                    || !entry.path("request").path("url").asText("").startsWith("Patient?identifier=")) {
                continue;
            }
            for (JsonNode identifier : patient.path("identifier")) {
                String system = identifier.path("system").asText("");
                String value = identifier.path("value").asText("");
                if (system.isEmpty() || value.isEmpty() || system.equals(phnSystem)) {
                    continue;
                }
                Optional<JsonNode> owner = patientByIdentifier.apply(system + "|" + value);
                String ownerPhn = owner.map(p -> phn(p, phnSystem)).orElse(null);
                if (owner.isPresent() && (ownerPhn == null || !ownPhns.contains(ownerPhn))) {
                    return Optional.of(system);
                }
            }
        }
        return Optional.empty();
    }

    private static String phn(JsonNode patient, String phnSystem) {
        for (JsonNode identifier : patient.path("identifier")) {
            if (phnSystem.equals(identifier.path("system").asText())) {
                return identifier.path("value").asText(null);
            }
        }
        return null;
    }
}
