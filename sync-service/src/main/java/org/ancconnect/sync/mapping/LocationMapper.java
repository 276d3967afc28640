package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** NEHR {@code providers-location}s: where a facility sees mothers, and where the registration system runs. */
final class LocationMapper {

    static final String LOCATION = Fhir.NEHR + "identifier/provider-location";

    private LocationMapper() {
    }

    static String location(MappingContext ctx, String id, String name, String organizationFullUrl) {
        String existing = ctx.bundle().existing("Location", LOCATION, id);
        if (existing != null) {
            return existing;
        }
        ObjectNode loc = Fhir.resource("Location", "providers-location");
        loc.putArray("identifier").add(Fhir.identifier(Fhir.NEHR + "CodeSystem/cs-identifier-types", "PLOC",
                "Provider location identifier", LOCATION, id));
        loc.put("status", "active");
        loc.put("name", name);
        loc.set("managingOrganization", ctx.bundle().reference(organizationFullUrl));
        return ctx.bundle().putShared(loc, LOCATION, id);
    }

    /** The Location of a facility (org unit), managed by the facility's Organization. */
    static String facility(MappingContext ctx, String orgUnit, String field) {
        String org = OrganizationMapper.facility(ctx, orgUnit, field);
        MappingFile.Facility f = ctx.mapping().facility(orgUnit);
        return location(ctx, f.hin(), f.name(), org);
    }
}
