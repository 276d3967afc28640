package org.ancconnect.portal.nativeimage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

/**
 * Build step (run by the pom at {@code process-classes}): writes GraalVM reachability metadata for HAPI FHIR into
 * {@code target/classes/META-INF/native-image/org.ancconnect/portal-service/}. HAPI ships none, and its parser finds
 * model classes, their constructors, fields and annotations by reflection ({@code FhirContext} scans a resource's
 * definition the first time it meets the type), so a native executable without this metadata fails on the first
 * parse. Every class of the R4 model package (nested components and enum factories included) and HAPI's R4 version
 * class are registered, read from the jar on the build classpath, so a HAPI upgrade regenerates the list; the
 * properties files HAPI loads (messages, FHIR version) are registered as resources.
 *
 * <p>Usage: {@code HapiNativeMetadata <output directory>}.
 */
public final class HapiNativeMetadata {

    /**
     * Packages whose every class HAPI may instantiate or introspect while parsing and encoding R4 JSON, each with a
     * class that locates its jar (the model and HAPI's R4 glue ship in different jars).
     */
    static final Map<String, String> PACKAGES = Map.of("org/hl7/fhir/r4/model/", "Patient", "org/hl7/fhir/r4/hapi/ctx/", "FhirR4");

    private HapiNativeMetadata() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HapiNativeMetadata <output directory>");
            System.exit(2);
        }
        Path out = Files.createDirectories(Path.of(args[0]));
        TreeSet<String> classes = modelClasses();
        Files.writeString(out.resolve("reflect-config.json"), reflectConfig(classes), StandardCharsets.UTF_8);
        Files.writeString(out.resolve("resource-config.json"), """
                {
                  "resources": {
                    "includes": [
                      {"pattern": "ca/uhn/fhir/i18n/.*\\\\.properties"},
                      {"pattern": "ca/uhn/fhir/.*-build\\\\.properties"},
                      {"pattern": "org/hl7/fhir/r4/.*\\\\.properties"}
                    ]
                  }
                }
                """, StandardCharsets.UTF_8);
        System.out.println("HAPI native metadata: " + classes.size() + " classes registered for reflection in " + out);
    }

    /** Binary names of every class in {@link #PACKAGES}, read from the jars on the build classpath. */
    static TreeSet<String> modelClasses() {
        TreeSet<String> classes = new TreeSet<>();
        PACKAGES.forEach((pkg, anchor) -> {
            URL located = HapiNativeMetadata.class.getClassLoader().getResource(pkg + anchor + ".class");
            if (located == null) {
                throw new IllegalStateException("HAPI FHIR R4 (" + pkg + ") is not on the build classpath");
            }
            try (JarFile jar = openJar(located)) {
                for (JarEntry entry : jar.stream().toList()) {
                    String name = entry.getName();
                    if (name.startsWith(pkg) && name.endsWith(".class") && !name.endsWith("package-info.class")
                            && name.indexOf('/', pkg.length()) < 0) {
                        classes.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return classes;
    }

    private static JarFile openJar(URL resource) throws IOException {
        if (!"jar".equals(resource.getProtocol())) {
            throw new IllegalStateException("Expected the R4 model in a jar, found it at " + resource);
        }
        JarURLConnection connection = (JarURLConnection) resource.openConnection();
        try {
            return new JarFile(Path.of(connection.getJarFileURL().toURI()).toFile());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Unreadable jar location " + resource, e);
        }
    }

    static String reflectConfig(TreeSet<String> classes) {
        return classes.stream()
                .map(name -> "  {\"name\": \"" + name + "\", \"allDeclaredConstructors\": true, \"allPublicConstructors\": true,"
                        + " \"allDeclaredMethods\": true, \"allPublicMethods\": true, \"allDeclaredFields\": true,"
                        + " \"allPublicFields\": true}")
                .collect(Collectors.joining(",\n", "[\n", "\n]\n"));
    }
}
