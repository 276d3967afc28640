package org.ancconnect.portal.nehr;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;

/**
 * The shared resources a consultation's Observations need by the NEHR IG: the portal as a
 * {@code device-information} Device with its owner {@code organization} and {@code providers-location}, each a
 * conditional create on its business identifier (the same identifiers sync-service uses for the ministry's
 * organisation and data centre, so both converge on one resource).
 */
final class ConsultationResources {

    private final NehrConfig config;

    ConsultationResources(NehrConfig config) {
        this.config = config;
    }

    String organization(Bundle tx) {
        Organization org = new Organization();
        org.getMeta().addProfile(Systems.profile("organization"));
        org.addIdentifier().setSystem(Systems.HIN).setValue(config.organizationHin())
                .setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0203", "XX", null))
                        .setText("Organization identifier"));
        org.setActive(true);
        org.setName(config.organizationName());
        return Transactions.create(tx, org, "identifier=" + Transactions.token(Systems.HIN, config.organizationHin()));
    }

    String location(Bundle tx, String organization) {
        Location loc = new Location();
        loc.getMeta().addProfile(Systems.profile("providers-location"));
        loc.addIdentifier().setSystem(Systems.PROVIDER_LOCATION).setValue(config.locationId())
                .setType(new CodeableConcept(new Coding(Systems.ID_TYPES, "PLOC", null)).setText("Provider location identifier"));
        loc.setStatus(Location.LocationStatus.ACTIVE);
        loc.setName(config.locationName());
        loc.setManagingOrganization(new Reference(organization));
        return Transactions.create(tx, loc, "identifier=" + Transactions.token(Systems.PROVIDER_LOCATION, config.locationId()));
    }

    String device(Bundle tx, String organization, String location) {
        Device d = new Device();
        d.getMeta().addProfile(Systems.profile("device-information"));
        d.addIdentifier().setSystem(Systems.SYSTEM_ID).setValue(config.deviceSystemId());
        d.setStatus(Device.FHIRDeviceStatus.ACTIVE);
        d.addDeviceName().setName(AuditEvents.PORTAL).setType(Device.DeviceNameType.USERFRIENDLYNAME);
        // SNOMED CT 706689003 "Application program software", as sync-service describes DHIS2.
        d.setType(new CodeableConcept(new Coding(Systems.SNOMED, "706689003", "Application program software")));
        d.addVersion().setType(new CodeableConcept(new Coding("https://anc-connect.health.gov.lk", "portal", "ANC Connect portal"))
                .setText("ANC Connect portal")).setValue("0.1.0");
        d.setOwner(new Reference(organization));
        d.setLocation(new Reference(location));
        return Transactions.create(tx, d, "identifier=" + Transactions.token(Systems.SYSTEM_ID, config.deviceSystemId()));
    }
}
