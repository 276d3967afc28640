package org.ancconnect.phn.evaluation;

import java.util.List;
import org.ancconnect.phn.matching.MatchDecider;

/**
 * Benchmark command: FEBRL dataset3 deduplication and dataset4a/4b linkage, all fields and midwife
 * fields, automatic links at p >= 0.95 with the 0.10 margin rule. Prints the figures next to the plain
 * Fellegi–Sunter + EM baseline. Run with {@code ./mvnw -f phn-service/pom.xml -Pevaluate-febrl test-compile exec:java}.
 */
public final class FebrlEvaluation {

    /** Baselines from the issue: plain Fellegi–Sunter + EM at p >= 0.95. */
    static final double[] BASELINE = {0.986, 0.9945, 0.968, 0.966};
    /** Targets from the issue. */
    static final double[] TARGET = {0.99, 0.995, 0.98, 0.985};

    private FebrlEvaluation() {
    }

    public static List<LinkageEvaluator.Result> run() {
        LinkageEvaluator evaluator = new LinkageEvaluator(new MatchDecider.Thresholds(0.95, 0.75, 0.10, 10, 12, false), false);
        return List.of(
                evaluator.deduplicate("dataset3 all fields", FebrlData.read("dataset3.csv", FebrlData.Fields.ALL)),
                evaluator.link("dataset4a-4b all fields", FebrlData.read("dataset4a.csv", FebrlData.Fields.ALL),
                        FebrlData.read("dataset4b.csv", FebrlData.Fields.ALL)),
                evaluator.deduplicate("dataset3 midwife fields",
                        FebrlData.read("dataset3.csv", FebrlData.Fields.MIDWIFE)),
                evaluator.link("dataset4a-4b midwife fields",
                        FebrlData.read("dataset4a.csv", FebrlData.Fields.MIDWIFE),
                        FebrlData.read("dataset4b.csv", FebrlData.Fields.MIDWIFE)));
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        List<LinkageEvaluator.Result> results = run();
        for (int i = 0; i < results.size(); i++) {
            LinkageEvaluator.Result r = results.get(i);
            System.out.println(r.report());
            System.out.printf("    baseline F1 %.4f, target F1 %.4f: %s%n", BASELINE[i], TARGET[i],
                    r.f1() >= TARGET[i] ? "target met" : "TARGET MISSED");
        }
        System.out.printf("evaluation took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
