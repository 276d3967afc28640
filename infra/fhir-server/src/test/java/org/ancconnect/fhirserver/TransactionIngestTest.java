package org.ancconnect.fhirserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.ancconnect.fhirserver.bench.AncVisitBundles;
import org.ancconnect.testsupport.fhir.FhirServerReset;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The write path sync-service depends on: idempotent NEHR transaction bundles of conditional PUTs. */
class TransactionIngestTest {

    @BeforeAll
    static void emptyStore() {
        FhirServerReset.deleteAllData(FhirTestClient.baseUrl());
    }

    @Test
    void postingTheSameVisitTwiceStoresEachResourceOnce() {
        String phn = "TEST" + UUID.randomUUID().toString().substring(0, 8);
        String eventUid = "ev" + UUID.randomUUID().toString().substring(0, 9);
        OffsetDateTime visit = OffsetDateTime.of(2026, 3, 2, 9, 30, 0, 0, ZoneOffset.ofHoursMinutes(5, 30));
        IGenericClient client = FhirTestClient.client();

        Bundle first = client.transaction().withBundle(AncVisitBundles.ancVisit(phn, eventUid, visit, 1)).execute();
        // The second bundle is built anew (new urn:uuid fullUrls), as a re-sync of the same event would be.
        Bundle second = client.transaction().withBundle(AncVisitBundles.ancVisit(phn, eventUid, visit, 1)).execute();

        assertEquals(List.of("201 Created", "201 Created", "201 Created"), statuses(first));
        assertEquals(List.of("200 OK", "200 OK", "200 OK"), statuses(second));
        assertEquals(1, FhirTestClient.count("Patient?identifier=" + AncVisitBundles.PHN_SYSTEM + "|" + phn));
        assertEquals(1, FhirTestClient.count("Encounter?identifier=" + AncVisitBundles.EVENT_SYSTEM + "|" + eventUid));
        assertEquals(1, FhirTestClient.count("Observation?identifier=" + AncVisitBundles.EVENT_VALUE_SYSTEM + "|"
                + eventUid + "-8480-6"));

        // The urn:uuid references were rewritten to the stored Patient's id.
        Patient patient = (Patient) client.search()
                .byUrl("Patient?identifier=" + AncVisitBundles.PHN_SYSTEM + "|" + phn)
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        Observation obs = (Observation) client.search()
                .byUrl("Observation?subject=Patient/" + patient.getIdElement().getIdPart())
                .returnBundle(Bundle.class).execute().getEntryFirstRep().getResource();
        assertTrue(obs.getEncounter().getReference().startsWith("Encounter/"), obs.getEncounter().getReference());
        // HAPI recognises an unchanged resource and writes no new version: a re-sync of unchanged DHIS2
        // data leaves no history noise in the NEHR.
        assertEquals("1", patient.getMeta().getVersionId(), "an identical second PUT is a no-op");
    }

    private static List<String> statuses(Bundle response) {
        return response.getEntry().stream().map(e -> e.getResponse().getStatus()).toList();
    }
}
