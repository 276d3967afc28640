package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The DHIS2 instance as an NEHR {@code device-information} Device: the Patient's registration system
 * and every Observation's device. Identified by DHIS2's systemId, versioned by DHIS2's version.
 */
final class DeviceMapper {

    static final String SYSTEM_ID = Fhir.NEHR + "identifier/system-id";

    private DeviceMapper() {
    }

    static String registrationSystem(MappingContext ctx) {
        String existing = ctx.bundle().existing("Device", SYSTEM_ID, ctx.systemId());
        if (existing != null) {
            return existing;
        }
        MappingFile.RegistrationSystem rs = ctx.mapping().file().registrationSystem();
        String owner = OrganizationMapper.organization(ctx, rs.ownerHin(), rs.ownerName());
        String location = LocationMapper.location(ctx, rs.locationId(), rs.locationName(), owner);
        ObjectNode device = Fhir.resource("Device", "device-information");
        device.putArray("identifier").add(Fhir.identifier(SYSTEM_ID, ctx.systemId()));
        device.put("status", "active");
        device.putArray("deviceName").addObject().put("name", rs.name()).put("type", "user-friendly-name");
        // SNOMED CT 706689003 "Application program software" describes a health information system.
        device.set("type", Fhir.concept(Fhir.SNOMED, "706689003", "Application program software"));
        ObjectNode version = device.putArray("version").addObject();
        // The NEHR's device-classification code system lists OpenMRS only; its binding is extensible, so DHIS2 is named
        // by DHIS2's own URL rather than by a code invented inside the NEHR's code system.
        ObjectNode classification = Fhir.concept("https://dhis2.org", "DHIS2", "DHIS2");
        classification.put("text", "DHIS2");
        version.set("type", classification);
        version.put("value", ctx.dhis2Version());
        device.set("owner", ctx.bundle().reference(owner));
        device.set("location", ctx.bundle().reference(location));
        return ctx.bundle().putShared(device, SYSTEM_ID, ctx.systemId());
    }
}
