package org.ancconnect.testsupport.fhir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Empties the NEHR FHIR server between test classes. */
public final class FhirServerReset {

    /**
     * Resource types that hold the installed NEHR IG (conformance resources, and the Binary resources in
     * which HAPI stores the package itself): deleting them would leave $validate with no profiles.
     */
    static final Set<String> KEPT_TYPES = Set.of(
            "Binary", "CapabilityStatement", "CodeSystem", "CompartmentDefinition", "ConceptMap",
            "GraphDefinition", "ImplementationGuide", "MessageDefinition", "NamingSystem",
            "OperationDefinition", "SearchParameter", "StructureDefinition", "StructureMap",
            "TerminologyCapabilities", "ValueSet");

    /** Resource types in the capability statement: the only capitalised "type" values it holds. */
    private static final Pattern RESOURCE_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"([A-Z][A-Za-z]+)\"");
    /**
     * Per request. A test-sized store (a few hundred resources) resets in about a second; a store left
     * by the ingest benchmark (5,000 resources) took a minute to delete and two per 1,000 expunged on a
     * loaded 2-core machine. Five minutes per request keeps that working and still ends a stuck call.
     */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    /** Resources expunged per $expunge call (HAPI's own default); repeated until fewer come back. */
    static final int EXPUNGE_LIMIT = 1000;
    private static final Pattern EXPUNGED_COUNT = Pattern.compile("\"valueInteger\"\\s*:\\s*(\\d+)");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private FhirServerReset() {
    }

    /**
     * Deletes every resource except the IG's (see {@link #KEPT_TYPES}) and expunges them, so ids and
     * conditional-create URLs can be reused. About 1 s for a test-sized store; use this between test
     * classes.
     *
     * <p>One transaction of conditional deletes, so references between the deleted resources never
     * block the delete, then {@code $expunge} of deleted resources and old versions.
     */
    public static void deleteAllData(URI baseUrl) {
        String metadata = send(HttpRequest.newBuilder(URI.create(baseUrl + "/metadata")).GET(), "GET metadata");
        Set<String> types = new TreeSet<>();
        Matcher m = RESOURCE_TYPE.matcher(metadata);
        while (m.find()) {
            if (!KEPT_TYPES.contains(m.group(1))) {
                types.add(m.group(1));
            }
        }
        String entries = types.stream()
                .map(t -> "{\"request\":{\"method\":\"DELETE\",\"url\":\"" + t + "?_lastUpdated=ge1900-01-01\"}}")
                .collect(Collectors.joining(","));
        post(baseUrl.toString(), "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}",
                "delete transaction");
        String expunge = "{\"resourceType\":\"Parameters\",\"parameter\":["
                + "{\"name\":\"expungeDeletedResources\",\"valueBoolean\":true},"
                + "{\"name\":\"expungePreviousVersions\",\"valueBoolean\":true},"
                + "{\"name\":\"limit\",\"valueInteger\":" + EXPUNGE_LIMIT + "}]}";
        int expunged;
        do {
            Matcher count = EXPUNGED_COUNT.matcher(post(baseUrl + "/$expunge", expunge, "$expunge deleted resources"));
            expunged = count.find() ? Integer.parseInt(count.group(1)) : 0;
        } while (expunged >= EXPUNGE_LIMIT);
    }

    /**
     * {@code POST [base]/$expunge} with {@code expungeEverything=true}: wipes the whole store, after
     * which the server re-installs the NEHR IG before answering. Takes 10-25 s because of that
     * re-install; prefer {@link #deleteAllData(URI)}.
     */
    public static void expungeEverything(URI baseUrl) {
        post(baseUrl + "/$expunge", parameters("expungeEverything"), "$expunge everything");
    }

    private static String parameters(String... trueFlags) {
        return "{\"resourceType\":\"Parameters\",\"parameter\":["
                + Arrays.stream(trueFlags)
                        .map(f -> "{\"name\":\"" + f + "\",\"valueBoolean\":true}")
                        .collect(Collectors.joining(","))
                + "]}";
    }

    private static String post(String url, String body, String what) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), what);
    }

    private static String send(HttpRequest.Builder request, String what) {
        try {
            HttpResponse<String> response = HTTP.send(
                    request.header("Accept", "application/fhir+json").timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("FHIR server reset failed at " + what + ": HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("FHIR server reset failed at " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during FHIR server reset", e);
        }
    }
}
