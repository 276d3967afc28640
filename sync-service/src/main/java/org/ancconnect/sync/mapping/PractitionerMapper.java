package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The DHIS2 user who recorded an event as an NEHR {@code practitioner}. Every user an Encounter or
 * Observation points at is in the same bundle (a reference to a Practitioner outside the bundle fails
 * the whole transaction), with the telecom the NEHR requires.
 */
final class PractitionerMapper {

    private PractitionerMapper() {
    }

    static String practitioner(MappingContext ctx, TrackedEntity.User performer, String field) {
        if (performer == null) {
            throw new MappingException(field + ".updatedBy", "no user recorded the event");
        }
        Dhis2User user = ctx.users().get(performer.username());
        if (user == null) {
            throw new MappingException(field + ".updatedBy", "user '" + performer.username() + "' is unknown to DHIS2");
        }
        String system = ctx.system("user");
        String existing = ctx.bundle().existing("Practitioner", system, user.uid());
        if (existing != null) {
            return existing;
        }
        if (blank(user.firstName()) || blank(user.surname())) {
            throw new MappingException(field + ".updatedBy", "user '" + user.username() + "' has no first name or surname");
        }
        if (blank(user.phoneNumber()) && blank(user.email())) {
            throw new MappingException(field + ".updatedBy", "user '" + user.username()
                    + "' has neither phone number nor email (NEHR practitioner.telecom is required)");
        }
        ObjectNode p = Fhir.resource("Practitioner", "practitioner");
        p.putArray("identifier").add(Fhir.identifier(system, user.uid()));
        p.put("active", true);
        ObjectNode name = p.putArray("name").addObject();
        name.put("family", user.surname());
        name.putArray("given").add(user.firstName());
        ArrayNode telecom = p.putArray("telecom");
        if (!blank(user.phoneNumber())) {
            telecom.addObject().put("system", "phone").put("value", user.phoneNumber()).put("use", "work");
        }
        if (!blank(user.email())) {
            telecom.addObject().put("system", "email").put("value", user.email()).put("use", "work");
        }
        return ctx.bundle().putShared(p, system, user.uid());
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
