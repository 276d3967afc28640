package org.ancconnect.phn.evaluation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ancconnect.phn.matching.MatchRecord;

/**
 * Seeded synthetic Sri Lankan ANC population: Sinhala (with GE names), Tamil and Muslim naming patterns
 * with Zipf-concentrated names, NICs consistent with birth date and sex, households sharing a phone, and
 * hard negatives (twins, mothers and daughters with similar names). Each person is registered one or more
 * times; repeat registrations are corrupted GeCo/FEBRL-style ({@link Corruptor}) and may carry a married
 * name. Records come out shuffled, labelled with the person they belong to.
 */
final class SyntheticPopulation {

    private static final DateTimeFormatter YMD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final LocalDate TODAY = LocalDate.of(2026, 1, 1);

    private final Random random;
    private final Corruptor corruptor;
    private int nextPerson;
    private final java.util.Set<String> issuedNics = new java.util.HashSet<>();

    SyntheticPopulation(long seed) {
        this.random = new Random(seed);
        this.corruptor = new Corruptor(random);
    }

    /** A true person before registration. */
    record Person(String id, String given, String ge, String family, LocalDate birthDate, String nic, String phone,
            String street, String city, String district, String husbandFamily, String kind) {
    }

    List<LabelledRecord> generate(int persons) {
        List<Person> people = new ArrayList<>();
        while (people.size() < persons) {
            Person p = person(null);
            people.add(p);
            double r = random.nextDouble();
            if (r < 0.01) {
                // Twins: same family, birth date, household; given names often alike.
                people.add(new Person(id(), pick(r < 0.005 ? names(p) : givenPool(p)), p.ge(), p.family(),
                        p.birthDate(), nic(p.birthDate()), p.phone(), p.street(), p.city(), p.district(), null, "twin"));
            } else if (r < 0.03) {
                // Mother and daughter with a similar name in the same household.
                LocalDate dob = p.birthDate().plusYears(18 + random.nextInt(8)).withDayOfYear(1 + random.nextInt(360));
                if (dob.isBefore(TODAY.minusYears(15))) {
                    people.add(new Person(id(), random.nextBoolean() ? p.given() : pick(givenPool(p)), p.ge(),
                            p.family(), dob, nic(dob), p.phone(), p.street(), p.city(), p.district(), null, "daughter"));
                }
            } else if (r < 0.08) {
                // Another woman of the household (sister, sister-in-law) sharing the phone.
                people.add(person(p));
            }
        }
        List<LabelledRecord> records = new ArrayList<>();
        for (Person p : people) {
            int registrations = 1 + (random.nextDouble() < 0.3 ? 1 + (random.nextDouble() < 0.3 ? 1 : 0) : 0);
            for (int k = 0; k < registrations; k++) {
                records.add(new LabelledRecord(p.id() + "-" + k, p.id(), k == 0 ? clean(p) : corruptor.corrupt(p)));
            }
        }
        Collections.shuffle(records, random);
        return records;
    }

    static MatchRecord record(Person p, String given, String family, String dob, boolean estimated, String phone,
            String nic, String street, String city) {
        return new MatchRecord(List.of(new MatchRecord.Name(given, family)), dob, estimated, "female", phone, null,
                street, null, null, p.district(), null, nic);
    }

    private MatchRecord clean(Person p) {
        String given = p.ge() == null ? p.given() : p.ge() + " " + p.given();
        return record(p, given, p.family(), p.birthDate().format(YMD), false, p.phone(), p.nic(), p.street(), p.city());
    }

    private Person person(Person household) {
        double r = random.nextDouble();
        String community = r < 0.75 ? "sinhala" : r < 0.9 ? "tamil" : "muslim";
        List<String> given = community.equals("sinhala") ? SriLankanNames.SINHALA_GIVEN
                : community.equals("tamil") ? SriLankanNames.TAMIL_GIVEN : SriLankanNames.MUSLIM_GIVEN;
        List<String> family = community.equals("sinhala") ? SriLankanNames.SINHALA_FAMILY
                : community.equals("tamil") ? SriLankanNames.TAMIL_FAMILY : SriLankanNames.MUSLIM_FAMILY;
        String first = zipf(given);
        if (community.equals("muslim") && random.nextDouble() < 0.5) {
            first = "fathima " + zipf(given);
        }
        String ge = community.equals("sinhala") && random.nextDouble() < 0.3 ? zipf(SriLankanNames.GE_NAMES) : null;
        LocalDate dob = TODAY.minusYears(16 + random.nextInt(30)).withDayOfYear(1 + random.nextInt(365));
        String husband = zipf(family);
        if (household != null) {
            return new Person(id(), first, ge, household.family(), dob, nic(dob), household.phone(), household.street(),
                    household.city(), household.district(), husband, "household");
        }
        String district = zipf(SriLankanNames.DISTRICTS);
        String phone = "07" + (random.nextInt(8) + 0) + String.format("%07d", random.nextInt(10_000_000));
        String street = (1 + random.nextInt(300)) + " " + zipf(SriLankanNames.STREETS);
        return new Person(id(), first, ge, zipf(family), dob, nic(dob), phone, street, district, district, husband,
                "person");
    }

    /**
     * New-format NIC: birth year, day of year + 500 for women, then a serial: consistent with DOB and sex,
     * and unique like a real one (a serial is drawn again when the day already has it).
     */
    private String nic(LocalDate dob) {
        String nic;
        do {
            nic = String.format("%04d%03d%05d", dob.getYear(), dob.getDayOfYear() + 500, random.nextInt(100_000));
        } while (!issuedNics.add(nic));
        return nic;
    }

    private List<String> givenPool(Person p) {
        return SriLankanNames.TAMIL_FAMILY.contains(p.family()) ? SriLankanNames.TAMIL_GIVEN
                : SriLankanNames.MUSLIM_FAMILY.contains(p.family()) ? SriLankanNames.MUSLIM_GIVEN
                : SriLankanNames.SINHALA_GIVEN;
    }

    /** Names alike to p's given name, for twins named in pairs (Nimali and Nirmali). */
    private List<String> names(Person p) {
        return List.of(p.given().substring(0, Math.min(3, p.given().length())) + "ni", p.given() + "ka");
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Zipf draw with exponent 1, the usual shape of surname frequencies. */
    String zipf(List<String> values) {
        double h = 0;
        for (int i = 1; i <= values.size(); i++) {
            h += 1.0 / i;
        }
        double u = random.nextDouble() * h;
        for (int i = 1; i <= values.size(); i++) {
            u -= 1.0 / i;
            if (u <= 0) {
                return values.get(i - 1);
            }
        }
        return values.get(values.size() - 1);
    }

    private String id() {
        return "p" + (nextPerson++);
    }
}
