package org.ancconnect.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Percentage.withPercentage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The JVM image configuration (quarkus-parent's {@code image-tar} profile) and the production JVM options it
 * carries, checked without building an image. Running a built image is infra/images/verify-image.sh.
 */
class ImageProfileTest {

    /** The charts' memory limit of every service (quarkus.kubernetes.resources.limits.memory). */
    private static final long POD_LIMIT = 512L * 1024 * 1024;

    private static Path parentPom;
    private static Path infraDir;
    private static Element project;
    private static Element profile;
    private static Element jib;

    @BeforeAll
    static void parse() throws Exception {
        parentPom = Path.of(System.getProperty("anc.quarkus-parent.pom")).toRealPath();
        infraDir = Path.of(System.getProperty("anc.infra.dir")).toRealPath();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(parentPom.toFile());
        project = doc.getDocumentElement();
        profile = children(child(project, "profiles"), "profile").stream()
                .filter(p -> text(child(p, "id")).equals("image-tar"))
                .findFirst().orElseThrow(() -> new AssertionError("no image-tar profile in " + parentPom));
        jib = children(child(child(profile, "build"), "plugins"), "plugin").stream()
                .filter(p -> text(child(p, "artifactId")).equals("jib-maven-plugin"))
                .findFirst().orElseThrow(() -> new AssertionError("no jib-maven-plugin in the image-tar profile"));
    }

    @Test
    void imagesAreBuiltOnlyWhenAsked() {
        assertThat(child(profile, "activation")).as("image-tar must never activate by itself").isNull();
        // Jib anywhere outside the profile would build or configure images in every ./mvnw verify.
        assertThat(countOccurrences(project.getTextContent(), "jib-maven-plugin"))
                .as("jib-maven-plugin only in the image-tar profile")
                .isEqualTo(countOccurrences(profile.getTextContent(), "jib-maven-plugin"));
        // ./mvnw package -Pimage-tar at the root: only the services (the modules with a Dockerfile.native) become images.
        assertThat(children(child(project, "profiles"), "profile")).anySatisfy(p -> {
            Element file = child(child(p, "activation"), "file");
            assertThat(file).isNotNull();
            assertThat(text(child(file, "missing"))).isEqualTo("${basedir}/src/main/docker/Dockerfile.native");
            assertThat(properties(child(p, "properties"))).containsEntry("jib.skip", "true");
        });
        Element execution = child(child(jib, "executions"), "execution");
        assertThat(text(child(execution, "phase"))).isEqualTo("package");
        assertThat(texts(child(execution, "goals"), "goal")).containsExactly("buildTar");
        assertThat(text(child(child(configuration(), "outputPaths"), "tar")))
                .isEqualTo("${project.build.directory}/${project.artifactId}-image.tar");
    }

    @Test
    void imageRunsTheQuarkusAppAsNonRootUser() {
        Element container = child(configuration(), "container");
        assertThat(texts(child(container, "entrypoint"), "arg"))
                .containsExactly("java", "-jar", "/deployments/quarkus-run.jar");
        assertThat(text(child(container, "user"))).as("numeric, for runAsNonRoot").isEqualTo("185");
        assertThat(text(child(container, "workingDirectory"))).isEqualTo("/deployments");
        assertThat(texts(child(container, "ports"), "port")).containsExactly("${image.port}");
        Element env = child(container, "environment");
        assertThat(text(child(env, "JDK_JAVA_OPTIONS"))).isEqualTo("${image.jvm-options}");
        assertThat(text(child(env, "MALLOC_ARENA_MAX"))).isEqualTo("${image.malloc-arena-max}");

        Element path = child(child(child(configuration(), "extraDirectories"), "paths"), "path");
        assertThat(text(child(path, "from"))).isEqualTo("${project.build.directory}/quarkus-app");
        assertThat(text(child(path, "into"))).isEqualTo("/deployments");

        // Jib's Maven plugin always adds the project's classes and jars under /app; quarkus-app already has them.
        List<Element> filters = children(child(child(child(child(configuration(), "pluginExtensions"),
                "pluginExtension"), "configuration"), "filters"), "filter");
        assertThat(filters).anySatisfy(f -> {
            assertThat(text(child(f, "glob"))).isEqualTo("/app/**");
            assertThat(child(f, "toLayer")).as("deleted, not moved").isNull();
        });
    }

    @Test
    void applicationClassesAreWhereAJdkAotCacheCanHoldThem() {
        // A JDK AOT cache holds only classes of the JVM's built-in loaders: the aot-jar puts the whole application on
        // the class path, the fast-jar would load it through Quarkus's own class loader, outside any cache.
        assertThat(properties(child(project, "properties"))).containsEntry("quarkus.package.jar.type", "aot-jar");
        // The cache is per image (add-aot-cache.sh appends the option with the layer); an option naming a cache here
        // would point every image without one at a missing file, and the JVM would then start without any CDS.
        assertThat(jvmOptions()).doesNotContain("AOTCache");
    }

    @Test
    void defaultBaseImageRunsTheJdkTheOptionsAreCheckedWith() {
        Map<String, String> props = properties(child(profile, "properties"));
        assertThat(text(child(child(configuration(), "from"), "image"))).isEqualTo("${image.base}");
        // The options (and a JDK 25 AOT cache later) assume the image's JVM is the build's major version.
        assertThat(props.get("image.base")).contains("/openjdk-" + Runtime.version().feature() + "-runtime:");
        assertThat(props).containsKeys("image.name", "image.port");
    }

    @Test
    void productionOptionsAreAcceptedAndFitTheChartsPodLimit() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(jvmOptions().split(" ")));
        command.addAll(List.of("-XX:MaxRAM=" + POD_LIMIT, "-XX:+PrintFlagsFinal", "-version"));
        String flags = run(command, Map.of());

        assertThat(flag(flags, "UseSerialGC")).isEqualTo("true");
        assertThat(flag(flags, "ExitOnOutOfMemoryError")).isEqualTo("true");
        long heap = Long.parseLong(flag(flags, "MaxHeapSize"));
        long codeCache = Long.parseLong(flag(flags, "ReservedCodeCacheSize"));
        long metaspace = Long.parseLong(flag(flags, "MaxMetaspaceSize"));
        double percent = Double.parseDouble(flag(flags, "MaxRAMPercentage"));
        assertThat((double) heap).isCloseTo(POD_LIMIT * percent / 100, withPercentage(2));
        assertThat(metaspace).as("metaspace bounded").isLessThan(POD_LIMIT / 2);
        // Heap, code cache and metaspace at their caps still leave room in the limit for thread stacks, GC and
        // direct buffers, so a full heap ends in OutOfMemoryError (exit, restart) rather than an OOM kill.
        assertThat(heap + codeCache + metaspace).isLessThanOrEqualTo(POD_LIMIT * 95 / 100);
        // Start-up may delay JIT work (higher compile thresholds) but never give up C2: C1-only code starts faster
        // and is slower for good, which the services' throughput benchmarks would pay.
        assertThat(flag(flags, "TieredCompilation")).isEqualTo("true");
        assertThat(flag(flags, "TieredStopAtLevel")).isEqualTo("4");
        assertThat(Double.parseDouble(flag(flags, "CompileThresholdScaling"))).isBetween(1.0, 10.0);
    }

    @Test
    void startupMeasurementUsesTheImageOptions() throws Exception {
        Path script = infraDir.resolve("measure-startup.sh");
        String printed = run(List.of("bash", script.toString(), "--print-jvm-options"),
                Map.of("ANC_ROOT", parentPom.getParent().getParent().toString())).strip();
        assertThat(printed).startsWith(jvmOptions() + " ").contains("-XX:MaxRAM=512m");
    }

    @Test
    void imageScriptsParse() throws Exception {
        for (String script : List.of("images/build-base.sh", "images/verify-image.sh", "images/add-aot-cache.sh",
                "measure-startup.sh")) {
            Path file = infraDir.resolve(script);
            assertThat(Files.isExecutable(file)).as(script + " executable").isTrue();
            run(List.of("bash", "-n", file.toString()), Map.of());
        }
    }

    private static String jvmOptions() {
        String options = properties(child(project, "properties")).get("image.jvm-options");
        assertThat(options).as("quarkus-parent's image.jvm-options").isNotBlank();
        return options.strip();
    }

    private static Element configuration() {
        return child(jib, "configuration");
    }

    private static String flag(String printFlagsFinal, String name) {
        Matcher m = Pattern.compile("^\\s*\\S+\\s+" + name + "\\s+=\\s+(\\S+)", Pattern.MULTILINE).matcher(printFlagsFinal);
        assertThat(m.find()).as("flag " + name + " printed").isTrue();
        return m.group(1);
    }

    private static String run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().putAll(env);
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
        return out;
    }

    private static Map<String, String> properties(Element properties) {
        Map<String, String> result = new TreeMap<>();
        for (Element e : children(properties, null)) {
            result.put(e.getTagName(), text(e));
        }
        return result;
    }

    private static int countOccurrences(String haystack, String needle) {
        return haystack.split(Pattern.quote(needle), -1).length - 1;
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        assertThat(parent).as("parent of <" + name + ">").isNotNull();
        List<Element> result = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                result.add(e);
            }
        }
        return result;
    }

    private static List<String> texts(Element parent, String name) {
        return children(parent, name).stream().map(ImageProfileTest::text).toList();
    }

    private static String text(Element e) {
        assertThat(e).isNotNull();
        return e.getTextContent().strip();
    }
}
