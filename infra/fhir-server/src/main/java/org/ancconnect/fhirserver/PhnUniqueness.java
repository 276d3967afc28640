package org.ancconnect.fhirserver;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import ca.uhn.fhir.util.HapiExtensions;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.SearchParameter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;

/**
 * Makes the server refuse a second Patient with an identifier another Patient already has (PHN, NIC).
 *
 * <p>Why: a conditional PUT on {@code Patient?identifier=<phn>} does not by itself stop two clients that
 * race on the same new mother from each creating one. Measured here on HAPI JPA 8.8.0: four simultaneous
 * PUTs gave one 201 and three 409 on a loaded machine, but {@code [200, 201, 200, 201]} and two Patients
 * on a quiet one. A NEHR must never hold two records of one mother, so uniqueness is enforced by the
 * store itself with a unique combo search parameter on {@code Patient.identifier}: the losing transaction
 * fails on the unique index and answers 409, which sync-service treats as transient and retries.
 */
final class PhnUniqueness {

    private static final Logger LOG = LoggerFactory.getLogger(PhnUniqueness.class);
    static final String ID = "anc-patient-identifier-unique";

    private PhnUniqueness() {
    }

    static void install(ApplicationContext context) {
        SearchParameter sp = new SearchParameter();
        sp.setId(ID);
        sp.setUrl("https://ancconnect.org/fhir/SearchParameter/" + ID);
        sp.setName("PatientIdentifierUnique");
        sp.setStatus(Enumerations.PublicationStatus.ACTIVE);
        sp.setCode("identifier-unique");
        sp.addBase("Patient");
        sp.setType(Enumerations.SearchParamType.COMPOSITE);
        sp.setExpression("Patient");
        sp.addComponent().setDefinition("http://hl7.org/fhir/SearchParameter/Patient-identifier").setExpression("Patient");
        sp.addExtension(HapiExtensions.EXT_SP_UNIQUE, new BooleanType(true));
        context.getBean(DaoRegistry.class).getResourceDao(SearchParameter.class).update(sp, new SystemRequestDetails());
        context.getBean(ISearchParamRegistry.class).forceRefresh();
        LOG.info("Patient identifiers are unique (search parameter {})", ID);
    }
}
