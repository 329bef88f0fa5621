package dev.hyperopt.suite.fidelity;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withPrecision;

/** The summary of a bench run, on searches whose outcome is known: final losses over seeds and the steps ratio to the baseline. */
class FidelityReportTest {

    private static FidelityRun run(String arm, long seed, double[]... improvements) {
        return new FidelityRun("synthetic_hartmann", arm, seed, 100, 100, List.of(improvements), 100, 10, 3, 7, 0.01);
    }

    @Test
    void finalLossesAndStepsRatiosAreSummarizedOverSeeds() throws IOException {
        CurveProblem p = FidelitySuite.load(FidelitySuiteTest.PROBLEMS).problem("synthetic_hartmann").withBudget(100);
        List<FidelityRun> runs = List.of(
                // the baseline: seed 0 ends at -2.0 (reached at step 60), seed 1 at -1.0 (reached at step 90)
                run("tpe", 0, new double[] {30, -1.0}, new double[] {60, -2.0}),
                run("tpe", 1, new double[] {90, -1.0}),
                // seed 0 gets to -2.0 at step 20 (ratio 1/3) and lower after the budget; seed 1 never gets to -1.0
                run("tpe+asha", 0, new double[] {20, -2.5}, new double[] {150, -3.0}),
                run("tpe+asha", 1, new double[] {50, -0.5}));
        JsonNode results = FidelityReport.toJson(List.of(p), List.of(Arm.parse("tpe"), Arm.parse("tpe+asha")), "tpe", List.of(0L, 1L),
                runs, "hyperopt bench", null, 1, 0.5);
        JsonNode tpe = results.path("summary").path("synthetic_hartmann").path("arms").path("tpe");
        assertThat(tpe.path("final_loss").path("mean").asDouble()).isEqualTo(-1.5);
        assertThat(tpe.path("final_loss").path("std").asDouble()).isCloseTo(Math.sqrt(0.5), withPrecision(1e-12));
        assertThat(tpe.path("steps_ratio_median").asDouble()).isEqualTo(1.0);
        JsonNode asha = results.path("summary").path("synthetic_hartmann").path("arms").path("tpe+asha");
        // The final loss is read at the budget: -2.5 and -0.5, not -3.0.
        assertThat(asha.path("final_loss").path("mean").asDouble()).isEqualTo(-1.5);
        assertThat(asha.path("steps_ratio_per_seed").toString()).isEqualTo("[0.3333,null]");
        assertThat(asha.path("baseline_reached").asInt()).isEqualTo(1);
        // The median of 1/3 and "never" (infinitely slow) is infinite.
        assertThat(asha.path("steps_ratio_median").asText()).isEqualTo("inf");
        assertThat(asha.path("pruned_mean").asDouble()).isEqualTo(7.0);
        assertThat(asha.path("vs_baseline").toString()).isEqualTo("{\"better\":1,\"equal\":0,\"worse\":1}");
        assertThat(tpe.path("vs_baseline").toString()).isEqualTo("{\"better\":0,\"equal\":2,\"worse\":0}");

        String md = FidelityReport.markdown(results);
        assertThat(md).contains("| synthetic_hartmann | 100 steps | **-1.5 ± 0.7071** | **-1.5 ± 1.414** |")
                .contains("| synthetic_hartmann | 1.00 (2/2) | not reached (1/2) |")
                .contains("| synthetic_hartmann | tpe+asha | -1.5 | not reached | 1/0/1 | equal (-1.5) |");
    }
}
