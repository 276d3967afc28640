package org.ancconnect.phn.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ancconnect.phn.matching.MatchDecider;
import org.ancconnect.phn.matching.MatchParameters;

/**
 * Benchmark command: estimates the service's m/u parameters on one seeded synthetic Sri Lankan population
 * and evaluates them on another (held out), resolving every registration in arrival order as the registry
 * does. Prints auto-link precision/recall/F1, duplicate-PHN rate, false-merge rate, review rate and
 * precision, blocking pair completeness and calibration. With {@code --write-parameters <file>} it writes
 * the estimated parameters (the service's {@code matching/parameters-v2.json} is produced this way).
 */
public final class SyntheticEvaluation {

    static final long TRAINING_SEED = 1;
    static final long EVALUATION_SEED = 7;

    private SyntheticEvaluation() {
    }

    static MatchParameters train(int persons) {
        List<LabelledRecord> training = new SyntheticPopulation(TRAINING_SEED).generate(persons);
        MatchParameters estimated = new LinkageEvaluator(thresholds(), true).deduplicate("train", training).parameters();
        return new MatchParameters("synthetic-lk-seed" + TRAINING_SEED + "-" + persons + "/normaliser-v" + org.ancconnect.phn.matching.Normaliser.VERSION
                + "/comparisons-v" + org.ancconnect.phn.matching.FieldComparisons.VERSION,
                estimated.prior(), estimated.m(), estimated.u());
    }

    static LinkageEvaluator.Result evaluate(MatchParameters parameters, int persons) {
        List<LabelledRecord> records = new SyntheticPopulation(EVALUATION_SEED).generate(persons);
        return new LinkageEvaluator(thresholds(), true).deduplicate("synthetic Sri Lankan population", records, parameters);
    }

    static MatchDecider.Thresholds thresholds() {
        return new MatchDecider.Thresholds(0.95, 0.75, 0.10, 10, 12, true);
    }

    public static void main(String[] args) throws IOException {
        int persons = args.length > 0 && !args[0].startsWith("--") ? Integer.parseInt(args[0]) : 20_000;
        long start = System.nanoTime();
        MatchParameters parameters = train(persons);
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--write-parameters")) {
                Files.writeString(Path.of(args[i + 1]), parameters.toJson() + "\n");
                System.out.println("parameters written to " + args[i + 1]);
            }
        }
        LinkageEvaluator.Result r = evaluate(parameters, persons);
        System.out.println(r.report());
        System.out.println(registryReport(r));
        System.out.printf("evaluation took %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    static String registryReport(LinkageEvaluator.Result r) {
        LinkageEvaluator.Registry g = r.registry();
        StringBuilder sb = new StringBuilder(String.format("    persons %d, registrations %d, PHNs %d%n"
                + "    duplicate-PHN rate %.4f%% of persons (target <= 0.5%%)%n"
                + "    false-merge rate %.4f%% of PHNs (target <= 0.05%%)%n"
                + "    review rate %.4f%% of registrations (target <= 3%%), review precision %.4f%n"
                + "    blocking pair completeness %.4f (target >= 0.995)%n    calibration (best candidate):",
                g.persons(), r.records(), g.phns(), 100.0 * g.splitPersons() / g.persons(),
                100.0 * g.falseMerges() / g.phns(), 100.0 * r.reviews() / r.records(),
                r.reviews() == 0 ? 1.0 : (double) g.reviewsCorrect() / r.reviews(), r.pairCompleteness()));
        for (int b = 0; b < 10; b++) {
            if (g.calibration()[b][0] > 0) {
                sb.append(String.format(" [%.1f-%.1f) %d: %.3f", b / 10.0, (b + 1) / 10.0, g.calibration()[b][0],
                        (double) g.calibration()[b][1] / g.calibration()[b][0]));
            }
        }
        return sb.toString();
    }
}
