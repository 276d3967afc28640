package org.ancconnect.dhis2standin.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import org.ancconnect.dhis2standin.auth.User;
import org.ancconnect.dhis2standin.auth.Users;
import org.ancconnect.dhis2standin.metadata.ProgramMetadata;
import org.ancconnect.dhis2standin.tracker.ServerClock;
import org.ancconnect.dhis2standin.tracker.imports.ImportBundle;

/**
 * Realistic synthetic ANC data at volume: Sinhala and Tamil names, plausible ages, gestation, blood
 * pressure (about 8 % hypertensive readings), haemoglobin, referrals, and a scheduled next visit for
 * active pregnancies. The content is deterministic for a seed; uids are always fresh, so runs add up. One JDBC batch per 500 mothers (batched inserts
 * rewritten by the driver), which reaches thousands of mothers per second on a laptop-class machine.
 */
@ApplicationScoped
public class GeneratorService {

    private static final int BATCH = 500;
    private static final List<String> GIVEN = List.of("Kumari", "Dilani", "Nadeesha", "Sanduni", "Tharushi", "Ishara",
            "Chamari", "Nimali", "Kavitha", "Priya", "Lakshmi", "Fathima", "Sithara", "Anusha", "Malini", "Rukshana");
    private static final List<String> FAMILY = List.of("Perera", "Fernando", "Silva", "Jayasuriya", "Wickramasinghe",
            "Bandara", "Rajapaksha", "Kumarasinghe", "Sivakumar", "Thevarajah", "Mohamed", "Herath", "Dissanayake");
    private static final List<String> TOWNS = List.of("Colombo 05", "Kandy", "Galle", "Jaffna", "Kurunegala", "Matara");

    /** What one run created. */
    public record Result(int trackedEntities, int enrollments, int events) {
    }

    private final AgroalDataSource ds;
    private final ProgramMetadata metadata;
    private final Users users;
    private final ObjectMapper json;
    private final ZoneId zone;

    public GeneratorService(AgroalDataSource ds, ProgramMetadata metadata, Users users, ObjectMapper json, ServerClock clock) {
        this.ds = ds;
        this.metadata = metadata;
        this.users = users;
        this.json = json;
        this.zone = clock.zone();
    }

    public Result generate(int count, int visits, long seed) throws SQLException {
        Random rnd = new Random(seed);
        List<String> orgUnits = List.copyOf(metadata.orgUnits());
        List<User> staff = users.all().stream().filter(u -> !u.username().equals("admin")).toList();
        int events = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement te = c.prepareStatement("INSERT INTO tracked_entity (uid, tracked_entity_type, org_unit,"
                    + " created_at, updated_at, created_by, updated_by, attributes) VALUES (?,?,?,?,?,?,?,?::jsonb)");
                    PreparedStatement en = c.prepareStatement("INSERT INTO enrollment (uid, tracked_entity, program, org_unit,"
                            + " status, enrolled_at, occurred_at, created_at, updated_at, created_by, updated_by)"
                            + " VALUES (?,?,?,?,?,?,?,?,?,?,?)");
                    PreparedStatement ev = c.prepareStatement("INSERT INTO event (uid, enrollment, tracked_entity, program,"
                            + " program_stage, org_unit, status, occurred_at, scheduled_at, completed_at, created_at,"
                            + " updated_at, created_by, updated_by, data_values) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?::jsonb)")) {
                Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
                // Consecutive PHN bodies from a random start: unique within a run (up to a million mothers).
                int phnBase = rnd.nextInt(1_000_000);
                Timestamp ts = Timestamp.from(now);
                for (int i = 0; i < count; i++) {
                    String teUid = ImportBundle.generateUid();
                    String enUid = ImportBundle.generateUid();
                    String ou = orgUnits.get(rnd.nextInt(orgUnits.size()));
                    String phm = staff.get(rnd.nextInt(staff.size())).username();
                    LocalDate lmp = LocalDate.now(zone).minusDays(30 + rnd.nextInt(220));
                    Instant enrolled = lmp.plusWeeks(6 + rnd.nextInt(6)).atTime(9 + rnd.nextInt(6), rnd.nextInt(60)).atZone(zone)
                            .toInstant();
                    te.setString(1, teUid);
                    te.setString(2, metadata.trackedEntityType());
                    te.setString(3, ou);
                    te.setTimestamp(4, ts);
                    te.setTimestamp(5, ts);
                    te.setString(6, phm);
                    te.setString(7, phm);
                    te.setString(8, json.writeValueAsString(attributes(rnd, now, (phnBase + i) % 1_000_000)));
                    te.addBatch();
                    en.setString(1, enUid);
                    en.setString(2, teUid);
                    en.setString(3, metadata.programId());
                    en.setString(4, ou);
                    en.setString(5, "ACTIVE");
                    en.setTimestamp(6, Timestamp.from(enrolled));
                    en.setTimestamp(7, Timestamp.from(lmp.atStartOfDay(zone).toInstant()));
                    en.setTimestamp(8, ts);
                    en.setTimestamp(9, ts);
                    en.setString(10, phm);
                    en.setString(11, phm);
                    en.addBatch();
                    events += VisitFactory.events(rnd, ev, teUid, enUid, ou, phm, lmp, enrolled, visits, metadata, json, zone, ts);
                    if ((i + 1) % BATCH == 0 || i == count - 1) {
                        te.executeBatch();
                        en.executeBatch();
                        ev.executeBatch();
                        c.commit();
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Result(count, count, events);
    }

    private ObjectNode attributes(Random rnd, Instant now, int phnBody) {
        ObjectNode a = json.createObjectNode();
        String given = GIVEN.get(rnd.nextInt(GIVEN.size()));
        String family = FAMILY.get(rnd.nextInt(FAMILY.size()));
        LocalDate dob = LocalDate.now(zone).minusYears(18 + rnd.nextInt(25)).minusDays(rnd.nextInt(365));
        put(a, "VQl0wK3eqiw", given + " " + family, now);
        put(a, "IrUmPkFMDU5", Phns.synthetic(phnBody), now);
        put(a, "Yie7mOY913J", dob.toString(), now);
        put(a, "p7zizFkC6Lv", "Female", now);
        put(a, "gGAQeOr1Pgu", "+9477" + (1000000 + rnd.nextInt(8999999)), now);
        put(a, "CSZevH4P5yV", "REG-" + (100000 + rnd.nextInt(899999)), now);
        put(a, "EOMGwaUTMrU", (1 + rnd.nextInt(200)) + " Temple Road, " + TOWNS.get(rnd.nextInt(TOWNS.size())), now);
        put(a, "u5AESfSOhIG", Integer.toString(LocalDate.now(zone).getYear() - dob.getYear()), now);
        return a;
    }

    static void put(ObjectNode values, String uid, String value, Instant now) {
        values.putObject(uid).put("value", value).put("createdAt", now.toEpochMilli()).put("updatedAt", now.toEpochMilli());
    }

}
