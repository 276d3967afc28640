package org.ancconnect.dhis2standin.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;
import org.ancconnect.dhis2standin.tracker.imports.ImportBundle;

/** The events of one generated mother: registration, past ANC visits, a referral when needed, the next scheduled visit. */
final class VisitFactory {

    private static final String REGISTRATION = "LWJcStrI6kM";
    private static final String VISIT = "GX0z9IXFaso";
    private static final String REFERRAL = "aQYZkIhWzeJ";

    private VisitFactory() {
    }

    static int events(Random rnd, PreparedStatement ev, String te, String en, String ou, String phm, LocalDate lmp,
            Instant enrolled, int visits, ProgramMetadata metadata, ObjectMapper json, ZoneId zone, Timestamp now)
            throws SQLException, JsonProcessingException {
        Instant stamp = now.toInstant();
        int count = 0;
        ObjectNode reg = json.createObjectNode();
        int gravida = 1 + rnd.nextInt(4);
        put(reg, "TRkCMVFhrmr", Integer.toString(gravida), stamp, phm);
        put(reg, "NPnDmeGBLsl", Integer.toString(gravida - 1), stamp, phm);
        put(reg, "OMe6LMsusv4", Integer.toString(gravida - 1), stamp, phm);
        put(reg, "vuDExM32SZ6", lmp.toString(), stamp, phm);
        put(reg, "r5TIiovGHdi", lmp.plusDays(280).toString(), stamp, phm);
        put(reg, "No3jJWIR7bn", Long.toString(ChronoUnit.WEEKS.between(lmp, enrolled.atZone(zone).toLocalDate())), stamp, phm);
        for (String condition : new String[] {"R4EnBNPKblS", "D5khklwbOPt", "plTkCmySMzT", "MQ2Hi22F8Uj", "H8VPisy6Ket"}) {
            // About 4 % of mothers report each pre-existing condition; the rest record an explicit "false".
            put(reg, condition, rnd.nextInt(100) < 4 ? "true" : "false", stamp, phm);
        }
        put(reg, "RpRCMceQhks", rnd.nextBoolean() ? "true" : "false", stamp, phm);
        put(reg, "J3eLUAZkM6M", "true", stamp, phm);
        row(ev, en, te, metadata.programId(), REGISTRATION, ou, "COMPLETED", enrolled, phm, reg, json, now);
        count++;
        Instant visitAt = enrolled;
        Instant today = Instant.now();
        boolean referred = false;
        for (int v = 0; v < visits; v++) {
            visitAt = visitAt.plus(28 + rnd.nextInt(7) - 3, ChronoUnit.DAYS);
            if (visitAt.isAfter(today)) {
                break;
            }
            ObjectNode dv = json.createObjectNode();
            long poa = ChronoUnit.WEEKS.between(lmp, visitAt.atZone(zone).toLocalDate());
            boolean high = rnd.nextInt(100) < 8;
            put(dv, "gu4sr8eOZcT", Long.toString(Math.max(1, poa)), stamp, phm);
            put(dv, "Y3xF4qecAVw", Integer.toString(high ? 140 + rnd.nextInt(30) : 100 + rnd.nextInt(35)), stamp, phm);
            put(dv, "QMCuOLLRHHD", Integer.toString(high ? 90 + rnd.nextInt(20) : 60 + rnd.nextInt(25)), stamp, phm);
            put(dv, "aDaoKP0DB1c", Long.toString(Math.max(1, poa - 2 + rnd.nextInt(4))), stamp, phm);
            put(dv, "cw35l7X4hnV", String.format(java.util.Locale.ROOT, "%.1f", 9.5 + rnd.nextInt(40) / 10.0), stamp, phm);
            put(dv, "Sx8XEKmdhFf", rnd.nextInt(100) < 10 ? "true" : "false", stamp, phm);
            put(dv, "yQk0w6KiXHJ", "false", stamp, phm);
            put(dv, "p7yWXAO6ag7", "true", stamp, phm);
            if (poa >= 20) {
                put(dv, "Ei55u2kvdzm", "true", stamp, phm);
            }
            boolean refer = high && !referred;
            put(dv, "la93qSXMNCI", refer ? "true" : "false", stamp, phm);
            if (refer) {
                put(dv, "kLAB3XIylS8", "Raised blood pressure", stamp, phm);
            }
            row(ev, en, te, metadata.programId(), VISIT, ou, "COMPLETED", visitAt, phm, dv, json, now);
            count++;
            if (refer) {
                referred = true;
                ObjectNode rf = json.createObjectNode();
                put(rf, "ARt4vJRNFmX", "Headache and blurred vision", stamp, phm);
                put(rf, "Y3xF4qecAVw", dv.path("Y3xF4qecAVw").path("value").asText(), stamp, phm);
                put(rf, "QMCuOLLRHHD", dv.path("QMCuOLLRHHD").path("value").asText(), stamp, phm);
                row(ev, en, te, metadata.programId(), REFERRAL, ou, "COMPLETED", visitAt.plus(1, ChronoUnit.DAYS), phm,
                        rf, json, now);
                count++;
            }
        }
        Instant next = visitAt.plus(28, ChronoUnit.DAYS);
        if (next.isAfter(today)) {
            ev.setString(1, ImportBundle.generateUid());
            ev.setString(2, en);
            ev.setString(3, te);
            ev.setString(4, metadata.programId());
            ev.setString(5, VISIT);
            ev.setString(6, ou);
            ev.setString(7, "SCHEDULE");
            ev.setTimestamp(8, null);
            ev.setTimestamp(9, Timestamp.from(next));
            ev.setTimestamp(10, null);
            common(ev, now, phm, "{}");
            count++;
        }
        return count;
    }

    private static void row(PreparedStatement ev, String en, String te, String program, String stage, String ou,
            String status, Instant at, String phm, ObjectNode values, ObjectMapper json, Timestamp now)
            throws SQLException, JsonProcessingException {
        ev.setString(1, ImportBundle.generateUid());
        ev.setString(2, en);
        ev.setString(3, te);
        ev.setString(4, program);
        ev.setString(5, stage);
        ev.setString(6, ou);
        ev.setString(7, status);
        ev.setTimestamp(8, Timestamp.from(at));
        ev.setTimestamp(9, Timestamp.from(at));
        ev.setTimestamp(10, Timestamp.from(at));
        common(ev, now, phm, json.writeValueAsString(values));
    }

    private static void common(PreparedStatement ev, Timestamp now, String phm, String values) throws SQLException {
        ev.setTimestamp(11, now);
        ev.setTimestamp(12, now);
        ev.setString(13, phm);
        ev.setString(14, phm);
        ev.setString(15, values);
        ev.addBatch();
    }

    private static void put(ObjectNode values, String uid, String value, Instant now, String storedBy) {
        values.putObject(uid).put("value", value).put("providedElsewhere", false).put("storedBy", storedBy)
                .put("createdAt", now.toEpochMilli()).put("updatedAt", now.toEpochMilli());
    }
}
