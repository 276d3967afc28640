package org.ancconnect.testsupport.suite;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The people of a suite run: the eSignet stand-in's own synthetic mothers plus four staff members added to its seed
 * file (two midwives at different facilities, a doctor, an administrator), and the staff seed file identity-service
 * binds them with (by the keyed hash of the national ID they sign in with).
 */
public final class SuitePeople {

    /** The two org units of the ANC program metadata ({@code ../shared/dhis2/anc-program.json}). */
    public static final String FACILITY = "Tnl7qgZh7zL";
    public static final String OTHER_FACILITY = "GYBZ1og9bk7";

    /** A person eSignet knows: the national ID (UIN) typed at eSignet and the claims it releases. */
    public record Person(String uin, String givenName, String familyName, String fullName, String birthDate, String gender,
            String phone) {
    }

    /** A staff member: the person, identity-service's staff id, role (PHM, DOCTOR, ADMIN) and facility org unit. */
    public record Staff(Person person, UUID staffId, String role, String facility) {
        public String uin() {
            return person.uin();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Person> mothers;
    private final List<Staff> staff;

    private SuitePeople(List<Person> mothers, List<Staff> staff) {
        this.mothers = mothers;
        this.staff = staff;
    }

    /** Reads the stand-in's seed identities from the repository and adds the suite's staff. */
    static SuitePeople load(Path root) {
        Path seed = root.resolve("infra/esignet-standin/src/main/resources/seed-identities.json");
        try {
            List<Map<String, Object>> identities = JSON.readValue(seed.toFile(), new TypeReference<>() { });
            List<Person> mothers = new ArrayList<>();
            for (Map<String, Object> identity : identities) {
                Person person = person(identity);
                if ("female".equals(person.gender())) {
                    mothers.add(person);
                }
            }
            List<Staff> staff = List.of(
                    new Staff(new Person("9182736450", "Sanduni", "Rathnayake", "Sanduni Rathnayake", "1990-03-14", "female",
                            "+94771112233"), staffId("staff-phm-1"), "PHM", FACILITY),
                    new Staff(new Person("9273645180", "Kavitha", "Ramanathan", "Kavitha Ramanathan", "1988-08-21", "female",
                            "+94772223344"), staffId("staff-phm-2"), "PHM", OTHER_FACILITY),
                    new Staff(new Person("9364518270", "Chaminda", "Abeysekera", "Chaminda Abeysekera", "1976-05-02", "male",
                            "+94773334455"), staffId("staff-doctor-1"), "DOCTOR", FACILITY),
                    new Staff(new Person("9451827360", "Nirosha", "Fernando", "Nirosha Fernando", "1982-11-30", "female",
                            "+94774445566"), staffId("staff-admin-1"), "ADMIN", FACILITY));
            return new SuitePeople(List.copyOf(mothers), staff);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + seed, e);
        }
    }

    /** Stable across runs, so a log or a screenshot from one run names the same staff ids as another. */
    private static UUID staffId(String name) {
        return UUID.nameUUIDFromBytes(("anc-connect-suite:" + name).getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Person person(Map<String, Object> identity) {
        String given = ((Map<String, String>) identity.get("givenName")).get("en");
        String family = ((Map<String, String>) identity.get("familyName")).get("en");
        String name = ((Map<String, String>) identity.get("name")).get("en");
        String gender = ((Map<String, String>) identity.get("gender")).get("en").toLowerCase(java.util.Locale.ROOT);
        String birthDate = ((String) identity.get("birthDate")).replace('/', '-');
        return new Person((String) identity.get("individualId"), given, family, name, birthDate, gender,
                (String) identity.get("phone"));
    }

    public List<Person> mothers() {
        return mothers;
    }

    public List<Staff> staff() {
        return staff;
    }

    /** The eSignet stand-in's seed file for this run: its own identities plus the staff, in its format. */
    void writeEsignetSeed(Path root, Path target) throws IOException {
        List<Map<String, Object>> identities = JSON.readValue(
                root.resolve("infra/esignet-standin/src/main/resources/seed-identities.json").toFile(), new TypeReference<>() { });
        for (Staff member : staff) {
            Person p = member.person();
            Map<String, Object> identity = new LinkedHashMap<>();
            identity.put("individualId", p.uin());
            identity.put("name", Map.of("en", p.fullName()));
            identity.put("givenName", Map.of("en", p.givenName()));
            identity.put("familyName", Map.of("en", p.familyName()));
            identity.put("gender", Map.of("en", "female".equals(p.gender()) ? "Female" : "Male"));
            identity.put("birthDate", p.birthDate().replace('-', '/'));
            identity.put("phone", p.phone());
            identity.put("email", p.givenName().toLowerCase(java.util.Locale.ROOT) + "@health.example.lk");
            identity.put("address", Map.of("en", Map.of("street_address", "1 Hospital Road", "locality", "Colombo", "region",
                    "Colombo", "postal_code", "00100", "country", "Sri Lanka")));
            identities.add(identity);
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(Files.createDirectories(target.getParent()).resolve(target.getFileName()).toFile(),
                identities);
    }

    /** identity-service's staff seed file: each staff member bound at first sign-in by the hash of their national ID. */
    void writeStaffSeed(Path target) throws IOException {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (Staff member : staff) {
            entries.add(Map.of("id", member.staffId().toString(), "displayName", member.person().fullName(), "role", member.role(),
                    "facility", member.facility(), "nationalId", member.uin()));
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(Files.createDirectories(target.getParent()).resolve(target.getFileName()).toFile(),
                entries);
    }
}
