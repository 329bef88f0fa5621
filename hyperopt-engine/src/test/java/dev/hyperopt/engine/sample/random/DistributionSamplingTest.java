package dev.hyperopt.engine.sample.random;

import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.testing.Stats;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

import static dev.hyperopt.engine.testing.Ir.choice;
import static dev.hyperopt.engine.testing.Ir.dict;
import static dev.hyperopt.engine.testing.Ir.lit;
import static dev.hyperopt.engine.testing.Ir.named;
import static dev.hyperopt.engine.testing.Ir.pchoice;
import static dev.hyperopt.engine.testing.Ir.uniform;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Each prior against its formula in the language reference, over 100,000 seeded draws.
 * Moments are checked to five standard errors and shapes by chi-square, so swapping a
 * bound, rounding the wrong way or reading loguniform bounds in log space fails.
 */
class DistributionSamplingTest {

    private static final int N = 100_000;

    private static double[] draw(Distribution d, long seed) {
        RandomGenerator rng = Seeds.stream(seed, 0);
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) xs[i] = d.sample(rng);
        return xs;
    }

    private static double normalCdf(double x) {
        return new NormalDistribution(0, 1).cumulativeProbability(x);
    }

    /** Probabilities of the q grid when a variable with this CDF on [lo, hi] is rounded to it. */
    private static Map<Double, Double> gridProbabilities(DoubleUnaryOperator cdf, double lo, double hi, double q) {
        Map<Double, Double> p = new TreeMap<>();
        long first = (long) Math.rint(lo / q);
        long last = (long) Math.rint(hi / q);
        for (long k = first; k <= last; k++) {
            double from = Math.max(lo, (k - 0.5) * q);
            double to = Math.min(hi, (k + 0.5) * q);
            double mass = cdf.applyAsDouble(to) - cdf.applyAsDouble(from);
            if (mass > 0) p.put(k * q, mass);
        }
        return p;
    }

    private static void assertOnGrid(double[] xs, double q) {
        for (double x : xs) {
            assertThat(Math.rint(x / q) * q).as("%s on the grid of %s", x, q).isEqualTo(x);
        }
    }

    @Test
    void uniformIsFlatBetweenItsBounds() {
        double[] xs = draw(Distribution.of(Dist.UNIFORM, -2, 3), 1);
        Stats.assertWithin(xs, -2.0, 3.0);
        Stats.assertMean(xs, 0.5, 5 / Math.sqrt(12));
        Stats.assertSd(xs, 5 / Math.sqrt(12));
        Stats.assertCdf(xs, x -> (x + 2) / 5, 50);
    }

    @Test
    void quniformRoundsAUniformToTheGrid() {
        // round(uniform(-1, 4) / 0.5) * 0.5: the end points get half the mass of the inner points.
        double[] xs = draw(Distribution.of(Dist.QUNIFORM, -1, 4, 0.5), 2);
        assertOnGrid(xs, 0.5);
        Map<Double, Double> expected = gridProbabilities(x -> (x + 1) / 5, -1, 4, 0.5);
        assertThat(expected.get(-1.0)).isCloseTo(0.05, within(1e-12));
        assertThat(expected.get(1.5)).isCloseTo(0.1, within(1e-12));
        assertThat(expected.get(4.0)).isCloseTo(0.05, within(1e-12));
        Stats.assertFrequencies(xs, expected);
    }

    @Test
    void quniformRoundsEvenBeyondUnalignedBounds() {
        // Hyperopt rounds after drawing, so 0 is possible from uniform(0.3, 2.2).
        double[] xs = draw(Distribution.of(Dist.QUNIFORM, 0.3, 2.2, 1), 3);
        Stats.assertFrequencies(xs, Map.of(0.0, 0.2 / 1.9, 1.0, 1.0 / 1.9, 2.0, 0.7 / 1.9));
    }

    @ParameterizedTest(name = "quantize({0}, q={1}) = {2}")
    @CsvSource({
            "2.5, 1, 2", "3.5, 1, 4", "-2.5, 1, -2", "0.5, 1, 0", "1.5, 1, 2",
            "3, 2, 4", "5, 2, 4", "7, 2, 8", "2.4999, 1, 2", "2.5001, 1, 3",
            "0.75, 0.5, 1", "0.25, 0.5, 0",
    })
    void quantizeRoundsHalfToEven(double x, double q, double expected) {
        assertThat(Distribution.of(Dist.QUNIFORM, 0, 10, q).quantize(x)).isEqualTo(expected);
    }

    @Test
    void loguniformTakesRealSpaceBounds() {
        double lo = 1e-3;
        double hi = 10;
        double[] xs = draw(Distribution.of(Dist.LOGUNIFORM, lo, hi), 4);
        Stats.assertWithin(xs, lo, hi);
        double[] logs = Stats.log(xs);
        double width = Math.log(hi) - Math.log(lo);
        Stats.assertMean(logs, (Math.log(lo) + Math.log(hi)) / 2, width / Math.sqrt(12));
        Stats.assertSd(logs, width / Math.sqrt(12));
        Stats.assertCdf(logs, y -> (y - Math.log(lo)) / width, 50);
    }

    @Test
    void qloguniformRoundsALoguniformToTheGrid() {
        double lo = 1;
        double hi = 20;
        double[] xs = draw(Distribution.of(Dist.QLOGUNIFORM, lo, hi, 2), 5);
        assertOnGrid(xs, 2);
        DoubleUnaryOperator cdf = x -> (Math.log(x) - Math.log(lo)) / (Math.log(hi) - Math.log(lo));
        Map<Double, Double> expected = gridProbabilities(cdf, lo, hi, 2);
        assertThat(expected.keySet()).containsExactly(2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0, 16.0, 18.0, 20.0);
        Stats.assertFrequencies(xs, expected);
    }

    @Test
    void normalHasItsMeanAndSd() {
        double[] xs = draw(Distribution.of(Dist.NORMAL, 1.5, 2), 6);
        Stats.assertMean(xs, 1.5, 2);
        Stats.assertSd(xs, 2);
        Stats.assertCdf(xs, x -> normalCdf((x - 1.5) / 2), 50);
    }

    @Test
    void qnormalRoundsANormalToTheGrid() {
        double[] xs = draw(Distribution.of(Dist.QNORMAL, 0.4, 3, 2), 7);
        assertOnGrid(xs, 2);
        Map<Double, Double> expected = gridProbabilities(x -> normalCdf((x - 0.4) / 3), -40, 40, 2);
        Stats.assertFrequencies(xs, expected);
    }

    @Test
    void lognormalTakesLogSpaceParameters() {
        double[] xs = draw(Distribution.of(Dist.LOGNORMAL, -1, 0.5), 8);
        Stats.assertWithin(xs, Double.MIN_VALUE, Double.POSITIVE_INFINITY);
        double[] logs = Stats.log(xs);
        Stats.assertMean(logs, -1, 0.5);
        Stats.assertSd(logs, 0.5);
        Stats.assertCdf(logs, y -> normalCdf((y + 1) / 0.5), 50);
    }

    @Test
    void qlognormalRoundsALognormalToTheGrid() {
        double[] xs = draw(Distribution.of(Dist.QLOGNORMAL, 2, 0.5, 1), 9);
        assertOnGrid(xs, 1);
        Stats.assertWithin(xs, 0.0, Double.POSITIVE_INFINITY);
        DoubleUnaryOperator cdf = x -> x <= 0 ? 0 : normalCdf((Math.log(x) - 2) / 0.5);
        Stats.assertFrequencies(xs, gridProbabilities(cdf, 0, 1e4, 1));
    }

    @Test
    void randintExcludesItsHighBound() {
        double[] xs = draw(Distribution.of(Dist.RANDINT, -3, 5), 10);
        Map<Double, Double> expected = new LinkedHashMap<>();
        for (int k = -3; k < 5; k++) expected.put((double) k, 1 / 8.0);
        Stats.assertFrequencies(xs, expected);
        assertThat(Stats.counts(xs)).containsOnlyKeys(expected.keySet()).doesNotContainKey(5.0);
    }

    @Test
    void randintOfWidthOneIsConstant() {
        assertThat(draw(Distribution.of(Dist.RANDINT, 7, 8), 11)).containsOnly(7.0);
    }

    @Test
    void uniformintIncludesBothBounds() {
        double[] xs = draw(Distribution.of(Dist.UNIFORMINT, 2, 6), 12);
        Map<Double, Double> expected = new LinkedHashMap<>();
        for (int k = 2; k <= 6; k++) expected.put((double) k, 1 / 5.0);
        Stats.assertFrequencies(xs, expected);
        assertThat(Stats.counts(xs)).containsOnlyKeys(expected.keySet());
    }

    @Test
    void uniformintWithEqualBoundsIsConstant() {
        assertThat(draw(Distribution.of(Dist.UNIFORMINT, 4, 4), 13)).containsOnly(4.0);
    }

    private static double[] drawChoice(Choice c, long seed) {
        SearchSpace space = SearchSpace.of(dict("c", c));
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(seed, i));
            xs[i] = a.value(0);
        }
        return xs;
    }

    @Test
    void choiceOptionsAreEquallyLikely() {
        double[] xs = drawChoice(choice(lit("a"), lit("b"), lit("c"), lit("d"), lit("e")), 14);
        Map<Double, Double> expected = new LinkedHashMap<>();
        for (int k = 0; k < 5; k++) expected.put((double) k, 0.2);
        Stats.assertFrequencies(xs, expected);
    }

    @Test
    void pchoiceFrequenciesFollowTheWeights() {
        double[] xs = drawChoice(pchoice(0.1, lit(0.0), 0.25, uniform(0, 1), 0.6, lit(2L), 0.05, lit("x")), 15);
        Stats.assertFrequencies(xs, Map.of(0.0, 0.1, 1.0, 0.25, 2.0, 0.6, 3.0, 0.05));
    }

    @Test
    void drawOptionFollowsTheWeights() {
        Choice c = (Choice) SearchSpace.of(pchoice(0.7, lit(1L), 0.2, lit(2L), 0.1, lit(3L))).hyperparameter(0);
        RandomGenerator rng = Seeds.stream(16, 0);
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) xs[i] = PriorSampler.drawOption(c, rng);
        Stats.assertFrequencies(xs, Map.of(0.0, 0.7, 1.0, 0.2, 2.0, 0.1));
    }

    @Test
    void namedChoiceBranchesAreEquallyLikelyAndLabelledByName() {
        SearchSpace space = SearchSpace.of(dict("opt", named("sgd", lit(1L), "adam", lit(2L), "rmsprop", lit(3L))));
        Map<Object, Integer> byName = new TreeMap<>();
        double[] xs = new double[N];
        for (int i = 0; i < N; i++) {
            Assignment a = PriorSampler.sample(space, Seeds.stream(17, i));
            xs[i] = a.value(0);
            byName.merge(a.labels().get("opt"), 1, Integer::sum);
        }
        Stats.assertFrequencies(xs, Map.of(0.0, 1 / 3.0, 1.0, 1 / 3.0, 2.0, 1 / 3.0));
        assertThat(byName).containsOnlyKeys("sgd", "adam", "rmsprop");
        assertThat(byName.get("adam")).isEqualTo(Stats.counts(xs).get(1.0));
    }

    @Test
    void uniformDrawsAreNotCorrelatedWithTheNextDraw() {
        // Consecutive draws of one stream feed consecutive hyperparameters.
        double[] xs = draw(Distribution.of(Dist.UNIFORM, 0, 1), 18);
        double m = Stats.mean(xs);
        double cov = 0;
        for (int i = 1; i < N; i++) cov += (xs[i] - m) * (xs[i - 1] - m);
        double corr = cov / (N - 1) / (1 / 12.0);
        assertThat(corr).isCloseTo(0, within(5 / Math.sqrt(N)));
    }
}
