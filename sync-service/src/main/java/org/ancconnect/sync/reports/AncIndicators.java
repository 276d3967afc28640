package org.ancconnect.sync.reports;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ancconnect.sync.SyncConfig;
import org.ancconnect.sync.delivery.NehrClient;

/**
 * The monthly ANC indicators of one facility, counted in the NEHR (never in DHIS2: the report shows what the
 * national record holds). The month is the DHIS2 period in the DHIS2 server's zone. The facility is the
 * NEHR Organization of the org unit's HIN (the mapping file's facilities): Encounters by
 * {@code service-provider}, blood-pressure panels by {@code performer}. Counts only ({@code _summary=count}),
 * so nothing but totals travels:
 * <ul>
 *   <li>first visits: Encounters of the first-visit type;</li>
 *   <li>visits: Encounters of any visit type;</li>
 *   <li>high blood pressure: LOINC 85354-9 panels with systolic (8480-6) &gt;= 140 or diastolic (8462-4) &gt;= 90
 *       mm[Hg] (the WHO ANC threshold). Decided here, component by component: HAPI JPA's composite
 *       {@code component-code-value-quantity} does not tie the code to the value of the same component (a
 *       124/78 panel matched "8462-4 &gt;= 90" in the test), so the server only narrows the fetch to panels with
 *       some component &gt;= 90;</li>
 *   <li>referrals: Encounters of the referral type.</li>
 * </ul>
 */
@ApplicationScoped
public class AncIndicators {

    private static final String HIN = "http://fhir.health.gov.lk/ips/identifier/hin";
    private static final String BP = "http://loinc.org|85354-9";
    private static final String SYSTOLIC = "8480-6";
    private static final String DIASTOLIC = "8462-4";
    private static final DateTimeFormatter OFFSET = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    /** The four counts, keyed by indicator name. */
    public record Counts(long firstVisits, long visits, long highBloodPressure, long referrals) {
    }

    private final NehrClient nehr;
    private final SyncConfig.Reports config;

    public AncIndicators(NehrClient nehr, SyncConfig config) {
        this.nehr = nehr;
        this.config = config.reports();
    }

    /** Counts for a facility (by HIN) and month; all zero when the NEHR has no Organization for it yet. */
    public Counts count(String hin, YearMonth month, ZoneId zone) {
        MultivaluedMap<String, String> byHin = new MultivaluedHashMap<>();
        byHin.putSingle("identifier", HIN + "|" + hin);
        Optional<String> organization = nehr.first("Organization", byHin).map(o -> "Organization/" + o.path("id").asText());
        if (organization.isEmpty()) {
            return new Counts(0, 0, 0, 0);
        }
        String from = OFFSET.format(month.atDay(1).atStartOfDay(zone).toOffsetDateTime());
        String to = OFFSET.format(month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime());
        long first = encounters(organization.get(), from, to, config.firstVisitType());
        long visits = encounters(organization.get(), from, to, String.join(",", config.visitTypes()));
        long referrals = encounters(organization.get(), from, to, config.referralType());
        return new Counts(first, visits, highBloodPressure(organization.get(), from, to), referrals);
    }

    private long encounters(String organization, String from, String to, String types) {
        MultivaluedMap<String, String> q = window(from, to);
        q.putSingle("service-provider", organization);
        q.putSingle("type", types);
        return nehr.count("Encounter", q);
    }

    private long highBloodPressure(String organization, String from, String to) {
        MultivaluedMap<String, String> q = window(from, to);
        q.putSingle("code", BP);
        q.putSingle("performer", organization);
        q.putSingle("component-value-quantity", "ge90");
        q.putSingle("_elements", "component");
        return nehr.all("Observation", q).stream().filter(AncIndicators::high).count();
    }

    static boolean high(JsonNode panel) {
        for (JsonNode c : panel.path("component")) {
            String code = c.path("code").path("coding").path(0).path("code").asText();
            double value = c.path("valueQuantity").path("value").asDouble(0);
            if ((SYSTOLIC.equals(code) && value >= 140) || (DIASTOLIC.equals(code) && value >= 90)) {
                return true;
            }
        }
        return false;
    }

    private static MultivaluedMap<String, String> window(String from, String to) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        q.add("date", "ge" + from);
        q.add("date", "lt" + to);
        return q;
    }

    /** The counts by data element uid, in the order of the configuration. */
    Map<String, Long> byDataElement(Counts c) {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put(config.firstVisits(), c.firstVisits());
        out.put(config.visits(), c.visits());
        out.put(config.highBloodPressure(), c.highBloodPressure());
        out.put(config.referrals(), c.referrals());
        return out;
    }
}
