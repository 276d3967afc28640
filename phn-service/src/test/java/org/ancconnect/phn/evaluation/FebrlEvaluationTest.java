package org.ancconnect.phn.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The FEBRL benchmark as a test: the F1 targets, all fields and midwife fields, must hold. */
class FebrlEvaluationTest {

    @Test
    void febrlTargets() {
        List<LinkageEvaluator.Result> results = FebrlEvaluation.run();
        results.forEach(r -> System.out.println(r.report()));
        assertThat(results.get(0).f1()).as("dataset3 all fields").isGreaterThanOrEqualTo(FebrlEvaluation.TARGET[0]);
        assertThat(results.get(1).f1()).as("dataset4 all fields").isGreaterThanOrEqualTo(FebrlEvaluation.TARGET[1]);
        assertThat(results.get(2).f1()).as("dataset3 midwife fields").isGreaterThanOrEqualTo(FebrlEvaluation.TARGET[2]);
        assertThat(results.get(3).f1()).as("dataset4 midwife fields").isGreaterThanOrEqualTo(FebrlEvaluation.TARGET[3]);
        assertThat(results.get(2).precision()).as("dataset3 midwife precision").isGreaterThanOrEqualTo(0.99);
        assertThat(results.get(3).precision()).as("dataset4 midwife precision").isGreaterThanOrEqualTo(0.99);
    }
}
