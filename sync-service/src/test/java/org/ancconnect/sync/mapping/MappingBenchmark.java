package org.ancconnect.sync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Mapping alone, one thread: a recorded tracked entity with exactly 10 events (registration, 9 ANC
 * visits/referrals/scheduled) parsed from its JSON tree and mapped to a transaction bundle; and the two
 * ways of validating that bundle (the structural check the worker runs, HAPI's validator). Run with the
 * one-line command of the module README ("Benchmarks"); an argument selects benchmarks by name.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
@Threads(1)
public class MappingBenchmark {

    private JsonNode payload;
    private ProgramMapping mapping;
    private ObjectNode bundle;
    private String bundleJson;

    @Setup
    public void setUp() {
        ObjectNode te = Fixtures.recorded("tracked-entity-2.42.json");
        ArrayNode events = (ArrayNode) te.get("enrollments").get(0).get("events");
        int n = 0;
        while (events.size() < 10) {
            ObjectNode copy = events.get(1).deepCopy();
            copy.put("event", "Bench" + String.format("%06d", n++));
            events.add(copy);
        }
        while (events.size() > 10) {
            events.remove(events.size() - 1);
        }
        payload = te;
        mapping = Fixtures.mapping();
        bundle = parseAndMap();
        bundleJson = bundle.toString();
        NehrValidator.get().errors(bundleJson);
    }

    @Benchmark
    public ObjectNode parseAndMap() {
        TrackedEntity te = TrackedEntity.parse(payload, Fixtures.COLOMBO);
        return TrackedEntityMapper.map(te, mapping, Fixtures.SOURCE, Fixtures.USERS, Set.of()).bundle();
    }

    /** The worker's structural check of the same bundle (what production runs before every post). */
    @Benchmark
    public ObjectNode structuralCheck() {
        BundleCheck.check(bundle);
        return bundle;
    }

    /** HAPI's full validator with the NEHR package on the same bundle (what the tests run): the alternative not taken. */
    @Benchmark
    public Object hapiValidation() {
        return NehrValidator.get().errors(bundleJson);
    }

    /**
     * Runs every benchmark of the class, or those whose name matches the first argument (e.g. {@code parseAndMap}),
     * with JMH's GC profiler: {@code gc.alloc.rate.norm} is the bytes allocated per entity, which load does not change.
     */
    public static void main(String[] args) throws RunnerException {
        String only = args.length > 0 ? "." + args[0] : "";
        new Runner(new OptionsBuilder().include(MappingBenchmark.class.getSimpleName() + only).addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Danc.shared.dir=" + System.getProperty("anc.shared.dir", "../../shared")).build()).run();
    }
}
