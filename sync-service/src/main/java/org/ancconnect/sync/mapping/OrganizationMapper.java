package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** Facilities (DHIS2 org units) and the registration system's owner as NEHR {@code organization}s. */
final class OrganizationMapper {

    static final String HIN = Fhir.NEHR + "identifier/hin";

    private OrganizationMapper() {
    }

    /** The Organization of an org unit; an org unit without a configured facility is a mapping error. */
    static String facility(MappingContext ctx, String orgUnit, String field) {
        MappingFile.Facility f = ctx.mapping().facility(orgUnit);
        if (f == null) {
            throw new MappingException(field, "org unit " + orgUnit + " has no facility (HIN) in the program's mapping file");
        }
        return organization(ctx, f.hin(), f.name());
    }

    static String organization(MappingContext ctx, String hin, String name) {
        String existing = ctx.bundle().existing("Organization", HIN, hin);
        if (existing != null) {
            return existing;
        }
        ObjectNode org = Fhir.resource("Organization", "organization");
        org.putArray("identifier").add(Fhir.identifier("http://terminology.hl7.org/CodeSystem/v2-0203", "XX",
                "Organization identifier", HIN, hin));
        org.put("active", true);
        org.put("name", name);
        return ctx.bundle().putShared(org, HIN, hin);
    }
}
