package org.ancconnect.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** sync-service's configuration ({@code sync.*}). */
@ConfigMapping(prefix = "sync")
public interface SyncConfig {

    /** Name of the service's own PostgreSQL database, created if missing (env SYNC_DB_NAME). */
    String dbName();

    Dhis2 dhis2();

    Rabbitmq rabbitmq();

    Detection detection();

    Delivery delivery();

    Mapping mapping();

    Registration registration();

    Reports reports();

    /**
     * The monthly ANC aggregate report: which DHIS2 data set, data elements and category option combos the
     * indicators computed from the NEHR are posted to (defaults: the "ANC monthly" data set the DHIS2 stand-in
     * knows; a real DHIS2 instance names its own).
     */
    interface Reports {
        /** The aggregate data set (periodType Monthly). */
        @WithDefault("QX4ZTUbOt3a")
        String dataSet();

        /** Category option combo of every value (DHIS2's "default" combo unless the data set disaggregates). */
        @WithDefault("HllvX50cXC0")
        String categoryOptionCombo();

        /** Attribute option combo of the data set ("default"). */
        @WithDefault("HllvX50cXC0")
        String attributeOptionCombo();

        /** Data element of "first ANC visits" (Encounters of the first-visit type in the month). */
        @WithDefault("hfdmMSPBgLG")
        String firstVisits();

        /** Data element of "ANC visits" (Encounters of any visit type in the month). */
        @WithDefault("UOlfIjgN8X6")
        String visits();

        /** Data element of "visits with high blood pressure" (BP panels with systolic >= 140 or diastolic >= 90 mm[Hg]). */
        @WithDefault("pikOziyCXbM")
        String highBloodPressure();

        /** Data element of "referrals" (Encounters of the referral type in the month). */
        @WithDefault("O05mAByOgAv")
        String referrals();

        /** Encounter type (system|code) of a first ANC visit: the mapping's registration stage. */
        @WithDefault("http://snomed.info/sct|424441002")
        String firstVisitType();

        /** Encounter types (system|code) counted as ANC visits: first and follow-up visits. */
        @WithDefault("http://snomed.info/sct|424441002,http://snomed.info/sct|424619006")
        List<String> visitTypes();

        /** Encounter type (system|code) of a referral: the mapping's referral stage. */
        @WithDefault("http://snomed.info/sct|3457005")
        String referralType();
    }

    /** Registrations from phn-service (patient.* events) into DHIS2 and the NEHR. */
    interface Registration {
        /** The DHIS2 program a registered mother is enrolled in (its mapping file binds the attributes). */
        @WithDefault("eozjj9UivfS")
        String program();

        /** Concurrent consumers of the patient-event queue per replica (registrations arrive at human pace). */
        @WithDefault("2")
        int consumers();
    }

    /** Program mappings. */
    interface Mapping {
        /** Mapping files, on the classpath or the file system (the ANC program's ships with the service). */
        @WithDefault("mapping/anc-program.json")
        List<String> files();
    }

    /** The DHIS2 instance. */
    interface Dhis2 {
        /** Base URL (without /api). */
        String baseUrl();

        /** Basic-auth username (ignored when api-token is set). */
        Optional<String> username();

        /** Basic-auth password. */
        Optional<String> password();

        /** A DHIS2 personal access token, sent as "Authorization: ApiToken ..." (preferred over Basic). */
        Optional<String> apiToken();

        /** Page size of the change-detection query; DHIS2's default page size is 50, 200 keeps round trips few. */
        @WithDefault("200")
        int pageSize();
    }

    /** The RabbitMQ broker. */
    interface Rabbitmq {
        String host();

        int port();

        String username();

        String password();

        /**
         * Prefix of the queue and exchange names (tests use their own); none in production. Optional because
         * an empty default counts as missing in SmallRye Config, which stopped the service from starting.
         */
        Optional<String> queuePrefix();

        /** How long a publish may wait for the broker's confirm. */
        @WithDefault("10s")
        Duration confirmTimeout();
    }

    /** Change detection. */
    interface Detection {
        /** DHIS2 program uids to poll. */
        List<String> programs();

        /** Poll interval (a Quarkus scheduler expression; "off" disables polling). */
        String interval();

        /**
         * How far before the watermark each poll looks again: DHIS2 stamps updatedAt before its transaction commits,
         * so a change can appear after a later one was already seen; 2 minutes covers any import's duration.
         */
        @WithDefault("2m")
        Duration overlap();

        /** Where polling starts when a program has no watermark yet. */
        @WithDefault("1970-01-01T00:00:00Z")
        String start();

        /** Shared secret a DHIS2 webhook sends in the X-Sync-Token header. */
        String webhookToken();
    }

    /** Delivery to the NEHR. */
    interface Delivery {
        /** Concurrent consumers per replica. */
        @WithDefault("4")
        int consumers();

        /** Delays of the retry tiers for transient failures (exponential back-off); after the last, the DLQ. */
        @WithDefault("5s,30s,120s,600s")
        List<Duration> retryDelays();

        /** Namespace of the identifier systems of DHIS2 objects in the NEHR (one per DHIS2 instance). */
        @WithDefault("http://dhis2.health.gov.lk/identifier/")
        String identifierNamespace();

        /**
         * How long a shared resource (Organization, Location, Device, Practitioner) the NEHR committed is trusted to be
         * there unchanged and left out of later bundles; {@code 0s} sends every one in every bundle.
         */
        @WithDefault("10m")
        Duration sharedResourceTtl();
    }
}
