package org.ancconnect.portal.nehr;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** {@link ViewAuditJson} writes byte for byte what HAPI writes for {@link AuditEvents#view}, whatever the input. */
class ViewAuditJsonTest {

    private static final List<String> PIECES = List.of("Dr. Perera", "ශානිකා", "தமிழ்செல்வி", "<script>alert(1)</script>", "\"quoted\"",
            "back\\slash", "tab\there", "new\nline", "\u0001\u001f", "😀", "\uD800", "&amp;", " ", "", "  lead", "trail  ", "\u2028", "/", "é");

    @Test
    void sameBytesAsHapiForEveryPurposeAndHostileText() {
        Random random = new Random(6);
        for (int i = 0; i < 5_000; i++) {
            Accessor accessor = random.nextBoolean()
                    ? Accessor.staff("staff-" + random.nextInt(1000), text(random), random.nextInt(10) == 0 ? null : text(random))
                    : Accessor.patient("CMBTP87ZFX6", text(random));
            Purpose purpose = Purpose.values()[random.nextInt(Purpose.values().length)];
            String reason = random.nextInt(4) == 0 ? null : text(random);
            Date now = new Date(1_700_000_000_000L + random.nextLong(100_000_000_000L));
            String patientRef = "Patient/" + random.nextInt(100_000);
            String whoRef = accessor.kind() == Accessor.Kind.STAFF
                    ? "Practitioner?identifier=" + Transactions.token("https://anc-connect.health.gov.lk/identifier/staff", accessor.subject())
                    : patientRef;
            String id = UUID.randomUUID().toString();

            AuditEvent ae = AuditEvents.view(accessor, new Reference(whoRef), new Reference(patientRef), purpose, reason, now);
            ae.setId(id);
            // What RecordService published before: HAPI's JSON as UTF-8 bytes (a lone surrogate becomes '?' there too).
            String hapi = new String(NehrClient.FHIR.newJsonParser().encodeResourceToString(ae).getBytes(StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8);
            String direct = new String(ViewAuditJson.view(id, accessor, whoRef, patientRef, purpose, reason, now), StandardCharsets.UTF_8);
            if (!direct.equals(hapi)) {
                int at = 0;
                while (at < Math.min(direct.length(), hapi.length()) && direct.charAt(at) == hapi.charAt(at)) {
                    at++;
                }
                throw new AssertionError("differs at " + at + ": HAPI " + visible(hapi, at) + ", direct " + visible(direct, at));
            }
        }
    }

    /** The text around {@code at}, with every character outside printable ASCII as its code, for a readable failure. */
    private static String visible(String s, int at) {
        StringBuilder out = new StringBuilder();
        s.substring(Math.max(0, at - 60), Math.min(s.length(), at + 60)).chars()
                .forEach(c -> out.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("<U+%04X>", c)));
        return out.toString();
    }

    private static String text(Random random) {
        if (random.nextInt(12) == 0) {
            return null;
        }
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(4); n >= 0; n--) {
            s.append(PIECES.get(random.nextInt(PIECES.size())));
        }
        return s.toString();
    }
}
