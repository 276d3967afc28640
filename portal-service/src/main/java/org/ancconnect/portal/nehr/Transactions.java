package org.ancconnect.portal.nehr;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Small helpers for the bundles the portal sends: entries, conditional references, staff Practitioners. */
public final class Transactions {

    private Transactions() {
    }

    public static Bundle transaction() {
        return new Bundle().setType(Bundle.BundleType.TRANSACTION);
    }

    public static Bundle batch() {
        return new Bundle().setType(Bundle.BundleType.BATCH);
    }

    /** A POST with a fresh urn:uuid fullUrl (answered so other entries can point at it). */
    public static String create(Bundle bundle, Resource resource, String ifNoneExist) {
        String fullUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle.BundleEntryComponent e = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        e.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        if (ifNoneExist != null) {
            e.getRequest().setIfNoneExist(ifNoneExist);
        }
        return fullUrl;
    }

    /** A PUT to a client-assigned id (so a replay of the same write updates instead of duplicating). */
    public static String put(Bundle bundle, Resource resource, String id) {
        resource.setId(id);
        String fullUrl = "urn:uuid:" + id;
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(resource.fhirType() + "/" + id);
        return fullUrl;
    }

    public static void get(Bundle bundle, String url) {
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(url);
    }

    /** {@code system|value} as a token search value, URL-encoded. */
    public static String token(String system, String value) {
        return URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
    }

    /** A reference the NEHR resolves inside a transaction: the one Patient with this PHN. */
    public static Reference patientByPhn(String phn) {
        return new Reference("Patient?identifier=" + token(Systems.PHN, Systems.phnValue(phn)));
    }

    /**
     * Adds (if missing: conditional create on the staff identifier) the NEHR Practitioner of a staff member and
     * answers the entry's fullUrl. The staff directory holds no telephone or e-mail, so it cannot claim the NEHR
     * practitioner profile (telecom 1..*): it is a plain R4 Practitioner.
     */
    public static String practitioner(Bundle bundle, Accessor staff, String staffSystem) {
        Practitioner p = new Practitioner();
        p.addIdentifier().setSystem(staffSystem).setValue(staff.subject());
        p.setActive(true);
        p.addName(name(staff.name()));
        return create(bundle, p, "identifier=" + token(staffSystem, staff.subject()));
    }

    /** Sri Lankan names are written given names first, family (or house) name last (as sync-service reads them). */
    static HumanName name(String full) {
        HumanName n = new HumanName().setText(full);
        String[] parts = full == null ? new String[0] : full.trim().split("\\s+");
        if (parts.length > 0 && !parts[0].isEmpty()) {
            n.setFamily(parts[parts.length - 1]);
            for (int i = 0; i < parts.length - 1; i++) {
                n.addGiven(parts[i]);
            }
        }
        return n;
    }
}
