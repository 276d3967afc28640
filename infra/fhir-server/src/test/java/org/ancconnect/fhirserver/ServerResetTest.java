package org.ancconnect.fhirserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.ancconnect.fhirserver.bench.AncVisitBundles;
import org.ancconnect.testsupport.fhir.FhirServerReset;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The reset the services' tests use between classes empties the data and keeps the NEHR IG. */
class ServerResetTest {

    @Test
    void deleteAllDataRemovesClinicalDataAndKeepsTheIg() {
        String phn = "RESET" + UUID.randomUUID().toString().substring(0, 8);
        String matchUrl = "Patient?identifier=" + AncVisitBundles.PHN_SYSTEM + "|" + phn;
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(AncVisitBundles.PHN_SYSTEM).setValue(phn));
        FhirTestClient.client().update().resource(patient).conditionalByUrl(matchUrl).execute();
        assertEquals(1, FhirTestClient.count(matchUrl));

        FhirServerReset.deleteAllData(FhirTestClient.baseUrl());

        assertEquals(0, FhirTestClient.count("Patient"));
        assertTrue(FhirTestClient.count("StructureDefinition?url=" + ProfileValidationTest.IPS_PATIENT) == 1,
                "the NEHR profile survives the reset");
        // Expunged, not just deleted: the same conditional create works again and creates version 1.
        var outcome = FhirTestClient.client().update().resource(patient).conditionalByUrl(matchUrl).execute();
        assertEquals(Boolean.TRUE, outcome.getCreated());
        assertEquals("1", outcome.getId().getVersionIdPart());
    }
}
