package org.ancconnect.dhis2standin;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;

/** Helpers for the stand-in's tests: authenticated requests and import payloads with fresh uids. */
public final class Payloads {

    public static final String PROGRAM = "eozjj9UivfS";
    public static final String ORG_UNIT = "Tnl7qgZh7zL";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Payloads() {
    }

    public static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", "district");
    }

    public static String uid() {
        String alnum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder sb = new StringBuilder("T");
        for (int i = 0; i < 10; i++) {
            sb.append(alnum.charAt(RANDOM.nextInt(alnum.length())));
        }
        return sb.toString();
    }

    /** A mother with an ANC enrollment, a completed registration event and one ANC visit. */
    public static String mother(String te, String en, String registration, String visit, String systolic) {
        return """
                {"trackedEntities": [{
                  "trackedEntity": "%s", "trackedEntityType": "MxdEsVAegt5", "orgUnit": "%s",
                  "attributes": [
                    {"attribute": "VQl0wK3eqiw", "value": "Kumari Perera"},
                    {"attribute": "Yie7mOY913J", "value": "1994-05-12"},
                    {"attribute": "IrUmPkFMDU5", "value": "TEST1234567"}
                  ],
                  "enrollments": [{
                    "enrollment": "%s", "program": "%s", "orgUnit": "%s", "status": "ACTIVE",
                    "enrolledAt": "2025-01-10T09:30:00.000", "occurredAt": "2024-11-20",
                    "attributes": [{"attribute": "p7zizFkC6Lv", "value": "Female"}],
                    "events": [
                      {"event": "%s", "programStage": "LWJcStrI6kM", "orgUnit": "%s", "status": "COMPLETED",
                       "occurredAt": "2025-01-10T09:30:00.000",
                       "dataValues": [{"dataElement": "D5khklwbOPt", "value": "false"}, {"dataElement": "TRkCMVFhrmr", "value": "2"}]},
                      {"event": "%s", "programStage": "GX0z9IXFaso", "orgUnit": "%s", "status": "COMPLETED",
                       "occurredAt": "2025-02-07T10:00:00.000",
                       "dataValues": [{"dataElement": "Y3xF4qecAVw", "value": "%s"}, {"dataElement": "QMCuOLLRHHD", "value": "85"}]}
                    ]
                  }]
                }]}
                """.formatted(te, ORG_UNIT, en, PROGRAM, ORG_UNIT, registration, ORG_UNIT, visit, ORG_UNIT, systolic);
    }
}
