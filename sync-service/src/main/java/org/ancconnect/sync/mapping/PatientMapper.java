package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Set;

/**
 * The mother as an NEHR {@code ips-patient}: PHN (required: without it there is no NEHR patient, never
 * a {@code phn|null}), the DHIS2 tracked entity as the second identifier, NIC and eSignet subject when
 * present, the registration-system extension, name, gender, birth date, phone.
 */
final class PatientMapper {

    static final String PHN = Fhir.NEHR + "identifier/phn";
    static final String NIC = Fhir.NEHR + "identifier/nic";
    private static final String ID_TYPES = Fhir.NEHR + "CodeSystem/cs-identifier-types";
    private static final Set<String> GENDERS = Set.of("female", "male", "other", "unknown");

    private PatientMapper() {
    }

    static String patient(MappingContext ctx, TrackedEntity te) {
        ProgramMapping m = ctx.mapping();
        String phn = value(te, m.patient("phn"));
        if (phn == null) {
            throw new MappingException("attributes[" + m.patient("phn").uid() + "]",
                    "PHN missing: the NEHR identifies every patient by PHN");
        }
        ObjectNode p = Fhir.resource("Patient", "ips-patient");
        p.putArray("extension").addObject()
                .put("url", Fhir.NEHR + "StructureDefinition/patient-registration-system")
                .set("valueReference", ctx.bundle().reference(DeviceMapper.registrationSystem(ctx)));
        ArrayNode ids = p.putArray("identifier");
        ids.add(Fhir.identifier(ID_TYPES, "PHN", "Personal Health Number", PHN, phn));
        ids.add(Fhir.identifier(ctx.system("tracked-entity"), te.uid()));
        String nic = value(te, m.patient("nic"));
        if (nic != null) {
            ids.add(Fhir.identifier(ID_TYPES, "NIC", "National identity number", NIC, nic));
        }
        String sub = value(te, m.patient("esignetSub"));
        if (sub != null) {
            ids.add(Fhir.identifier(ctx.system("esignet-sub"), sub));
        }
        p.put("active", true);
        name(p, te, m.patient("fullName"));
        String gender = value(te, m.patient("gender"));
        if (gender != null) {
            String mapped = m.patient("gender").values().getOrDefault(gender, gender.toLowerCase());
            if (!GENDERS.contains(mapped)) {
                throw new MappingException("attributes[" + m.patient("gender").uid() + "]", "unknown gender '" + gender + "'");
            }
            p.put("gender", mapped);
        } else {
            p.put("gender", "unknown");
        }
        String birthDate = value(te, m.patient("birthDate"));
        if (birthDate != null) {
            try {
                p.put("birthDate", LocalDate.parse(birthDate).toString());
            } catch (DateTimeParseException e) {
                throw new MappingException("attributes[" + m.patient("birthDate").uid() + "]",
                        "not a date: '" + birthDate + "'");
            }
        }
        String phone = value(te, m.patient("phone"));
        if (phone != null) {
            p.putArray("telecom").addObject().put("system", "phone").put("value", phone).put("use", "mobile");
        }
        if (!te.orgUnit().isBlank()) {
            p.set("managingOrganization", ctx.bundle().reference(OrganizationMapper.facility(ctx, te.orgUnit(), "trackedEntity.orgUnit")));
        }
        return ctx.bundle().put(p, PHN, phn);
    }

    private static void name(ObjectNode p, TrackedEntity te, ProgramMapping.AttributeRef ref) {
        String full = value(te, ref);
        String[] parts = full == null ? new String[0] : full.trim().split("\\s+");
        if (parts.length < 2) {
            throw new MappingException("attributes[" + ref.uid() + "]",
                    "full name needs a given and a family name, got '" + (full == null ? "" : full) + "'");
        }
        ObjectNode name = p.putArray("name").addObject().put("use", "official").put("text", full.trim());
        // Sri Lankan names are written given names first, family (or house) name last.
        name.put("family", parts[parts.length - 1]);
        ArrayNode given = name.putArray("given");
        Arrays.stream(parts, 0, parts.length - 1).forEach(given::add);
    }

    static String value(TrackedEntity te, ProgramMapping.AttributeRef ref) {
        return ref == null ? null : te.attributes().get(ref.uid());
    }
}
