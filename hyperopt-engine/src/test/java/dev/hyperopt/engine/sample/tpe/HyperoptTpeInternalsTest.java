package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Param;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pieces of Hyperopt's TPE against values worked out by hand from tpe.py's formulas. */
class HyperoptTpeInternalsTest {

    private static final double TOL = 1e-12;

    @Test
    void linearForgettingRampsTheOldestObservationsOnly() {
        // linspace(1/30, 1, 5) then 25 ones
        double[] w = LinearForgetting.weights(30, 25);
        assertThat(w).hasSize(30);
        double[] ramp = {1.0 / 30, 1.0 / 30 + (1 - 1.0 / 30) / 4, 1.0 / 30 + 2 * (1 - 1.0 / 30) / 4, 1.0 / 30 + 3 * (1 - 1.0 / 30) / 4, 1.0};
        for (int i = 0; i < 5; i++) assertThat(w[i]).isCloseTo(ramp[i], within(TOL));
        for (int i = 5; i < 30; i++) assertThat(w[i]).isEqualTo(1.0);
        assertThat(LinearForgetting.weights(25, 25)).containsOnly(1.0);
        assertThat(LinearForgetting.weights(26, 25)[0]).isCloseTo(1.0 / 26, within(TOL));
        assertThat(LinearForgetting.weights(10, 0)).containsOnly(1.0);
    }

    @Test
    void adaptiveParzenInsertsThePriorAndTakesTheWiderNeighbourGap() {
        // obs 0.3, 0.9, 0.1 on uniform(0, 1): prior at 0.5 with sigma 1.
        // sorted: 0.1 0.3 [0.5] 0.9; gaps 0.2 0.2 0.4; minsigma = 1 / min(100, 1 + 4) = 0.2
        AdaptiveParzen.Components c = AdaptiveParzen.fit(new double[] {0.3, 0.9, 0.1}, 3, 1.0, 0.5, 1.0, 25);
        assertThat(c.mus()).containsExactly(0.1, 0.3, 0.5, 0.9);
        assertThat(c.priorIndex()).isEqualTo(2);
        assertThat(c.sigmas()[0]).isCloseTo(0.2, within(TOL));
        assertThat(c.sigmas()[1]).isCloseTo(0.2, within(TOL));
        assertThat(c.sigmas()[2]).isEqualTo(1.0);
        assertThat(c.sigmas()[3]).isCloseTo(0.4, within(TOL));
        assertThat(c.weights()).containsExactly(0.25, 0.25, 0.25, 0.25);
    }

    @Test
    void adaptiveParzenClipsNarrowGapsAndAppliesLinearForgettingInTrialOrder() {
        // obs (trial order) 0.3, 0.9, 0.1, 0.6 with LF = 2: weights linspace(1/4, 1, 2) = 0.25, 1, then 1, 1.
        // sorted: 0.1(w1) 0.3(w.25) [0.5](w1) 0.6(w1) 0.9(w1), sum 4.25
        // gaps: 0.2, max(.2,.2)=.2, prior, max(.1,.3)=.3, .3; minsigma = 1/6
        AdaptiveParzen.Components c = AdaptiveParzen.fit(new double[] {0.3, 0.9, 0.1, 0.6}, 4, 1.0, 0.5, 1.0, 2);
        assertThat(c.mus()).containsExactly(0.1, 0.3, 0.5, 0.6, 0.9);
        double[] w = {1 / 4.25, 0.25 / 4.25, 1 / 4.25, 1 / 4.25, 1 / 4.25};
        for (int i = 0; i < 5; i++) assertThat(c.weights()[i]).isCloseTo(w[i], within(TOL));
        double[] s = {0.2, 0.2, 1.0, 0.3, 0.3};
        for (int i = 0; i < 5; i++) assertThat(c.sigmas()[i]).isCloseTo(s[i], within(TOL));

        // Clipping: points 0.01 apart get sigma at least priorSigma / min(100, 1 + 4); the prior comes first here.
        AdaptiveParzen.Components tight = AdaptiveParzen.fit(new double[] {0.70, 0.71, 0.72}, 3, 1.0, 0.5, 1.0, 25);
        assertThat(tight.mus()).containsExactly(0.5, 0.70, 0.71, 0.72);
        assertThat(tight.sigmas()).containsExactly(1.0, 0.2, 0.2, 0.2);
    }

    @Test
    void adaptiveParzenWithOneObservationHalvesThePriorWidth() {
        AdaptiveParzen.Components above = AdaptiveParzen.fit(new double[] {0.8}, 1, 1.0, 0.5, 1.0, 25);
        assertThat(above.mus()).containsExactly(0.5, 0.8);
        assertThat(above.sigmas()).containsExactly(1.0, 0.5);
        AdaptiveParzen.Components below = AdaptiveParzen.fit(new double[] {0.2}, 1, 2.0, 0.5, 1.0, 25);
        assertThat(below.mus()).containsExactly(0.2, 0.5);
        assertThat(below.sigmas()).containsExactly(0.5, 1.0);
        assertThat(below.weights()[0]).isCloseTo(1.0 / 3, within(TOL));
        assertThat(below.weights()[1]).isCloseTo(2.0 / 3, within(TOL));
        AdaptiveParzen.Components none = AdaptiveParzen.fit(new double[0], 0, 1.0, 0.5, 1.0, 25);
        assertThat(none.mus()).containsExactly(0.5);
        assertThat(none.weights()).containsExactly(1.0);
    }

    @Test
    void categoricalPosteriorAddsPriorWeightedPseudoCounts() {
        // counts 1, 0, 2 plus priorWeight * K * p = 1 each: 2, 1, 3 over 6
        double[] uniform = CategoricalPosterior.probabilities(new double[] {0, 2, 2}, 3, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, 1.0, 25);
        assertThat(uniform[0]).isCloseTo(2 / 6.0, within(TOL));
        assertThat(uniform[1]).isCloseTo(1 / 6.0, within(TOL));
        assertThat(uniform[2]).isCloseTo(3 / 6.0, within(TOL));
        // pchoice prior 0.5, 0.25, 0.25: pseudo-counts 1.5, 0.75, 0.75
        double[] weighted = CategoricalPosterior.probabilities(new double[] {0, 2, 2}, 3, new double[] {0.5, 0.25, 0.25}, 1.0, 25);
        assertThat(weighted[0]).isCloseTo(2.5 / 6, within(TOL));
        assertThat(weighted[1]).isCloseTo(0.75 / 6, within(TOL));
        assertThat(weighted[2]).isCloseTo(2.75 / 6, within(TOL));
        // With linear forgetting (LF 1, 3 obs): weights linspace(1/3, 1, 2) = 1/3, 1, then 1.
        double[] lf = CategoricalPosterior.probabilities(new double[] {1, 0, 0}, 3, new double[] {0.5, 0.5}, 1.0, 1);
        assertThat(lf[0]).isCloseTo((2 + 1) / (2 + 1 / 3.0 + 2), within(TOL));
        assertThat(lf[1]).isCloseTo((1 / 3.0 + 1) / (2 + 1 / 3.0 + 2), within(TOL));
    }

    @Test
    void quantizedValueScoresTheMassOfItsRoundingBinOverTheTruncatedMixture() {
        // quniform(0, 10, 1) with no observations: the prior alone, N(5, 10) truncated to [0, 10].
        Dimension dim = Dimension.of(Param.labelled("q", Distribution.of(Dist.QUNIFORM, 0, 10, 1)));
        GaussianMixture prior = new GaussianMixture(AdaptiveParzen.fit(new double[0], 0, 1.0, dim.priorMu(), dim.priorSigma(), 25));
        NormalDistribution n = new NormalDistribution(5, 10);
        double accept = n.cumulativeProbability(10) - n.cumulativeProbability(0);
        double logAccept = Math.log(prior.mass(0, 10));
        assertThat(Math.exp(logAccept)).isCloseTo(accept, within(1e-14));
        // x = 3: bin [2.5, 3.5]
        double p3 = (n.cumulativeProbability(3.5) - n.cumulativeProbability(2.5)) / accept;
        assertThat(Math.exp(HyperoptTpeSampler.logPdf(dim, prior, logAccept, 3, 3))).isCloseTo(p3, within(1e-14));
        // x = 0 and x = 10: half bins, cut at the bounds
        double p0 = (n.cumulativeProbability(0.5) - n.cumulativeProbability(0)) / accept;
        assertThat(Math.exp(HyperoptTpeSampler.logPdf(dim, prior, logAccept, 0, 0))).isCloseTo(p0, within(1e-14));
        // The eleven reachable values carry all the mass.
        double total = 0;
        for (int x = 0; x <= 10; x++) total += Math.exp(HyperoptTpeSampler.logPdf(dim, prior, logAccept, x, x));
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void logQuantizedBinsAreTakenInRealSpaceAndMappedToLogSpace() {
        // qloguniform(1, 100, 5): bin of x = 10 is [7.5, 12.5], in log space [ln 7.5, ln 12.5].
        Dimension dim = Dimension.of(Param.labelled("q", Distribution.of(Dist.QLOGUNIFORM, 1, 100, 5)));
        AdaptiveParzen.Components c = AdaptiveParzen.fit(new double[] {Math.log(10), Math.log(40)}, 2, 1.0, dim.priorMu(), dim.priorSigma(), 25);
        GaussianMixture m = new GaussianMixture(c);
        double logAccept = Math.log(m.mass(dim.lo(), dim.hi()));
        double expected = 0;
        for (int i = 0; i < c.size(); i++) {
            NormalDistribution k = new NormalDistribution(c.mus()[i], c.sigmas()[i]);
            expected += c.weights()[i] * (k.cumulativeProbability(Math.log(12.5)) - k.cumulativeProbability(Math.log(7.5)));
        }
        assertThat(Math.exp(HyperoptTpeSampler.logPdf(dim, m, logAccept, 10, Math.log(10)))).isCloseTo(expected / Math.exp(logAccept), within(1e-13));
        // x = 0 (a draw below 2.5 rounds to 0): its bin is cut at the lower bound 1 = e^0.
        assertThat(dim.binLow(0)).isEqualTo(0.0);
        assertThat(dim.binHigh(0)).isCloseTo(Math.log(2.5), within(TOL));
        assertThat(dim.binLow(5)).isCloseTo(Math.log(2.5), within(TOL));
        // qlognormal has no lower bound: the bin of 0 reaches down to log EPS, where observations of 0 sit.
        assertThat(Dimension.of(Param.labelled("q", Distribution.of(Dist.QLOGNORMAL, 0, 1, 5))).binLow(0)).isEqualTo(Math.log(Dimension.EPS));
        assertThat(Dimension.of(Param.labelled("q", Distribution.of(Dist.QLOGUNIFORM, 3, 100, 5))).binLow(5)).isCloseTo(Math.log(3), within(TOL));
    }

    @Test
    void truncatedMixtureDensityIntegratesToOneAndMatchesItsMasses() {
        double[] obs = {0.05, 0.1, 0.12, 0.5, 0.51, 0.52, 0.97, 0.3};
        AdaptiveParzen.Components c = AdaptiveParzen.fit(obs, obs.length, 1.0, 0.5, 1.0, 25);
        GaussianMixture m = new GaussianMixture(c);
        double logAccept = Math.log(m.mass(0, 1));
        Dimension dim = Dimension.of(Param.labelled("u", Distribution.of(Dist.UNIFORM, 0, 1)));
        // Simpson's rule on [0, 1] and on [0.2, 0.6]
        assertThat(simpson(x -> Math.exp(HyperoptTpeSampler.logPdf(dim, m, logAccept, x, x)), 0, 1, 20000)).isCloseTo(1.0, within(1e-9));
        double part = simpson(x -> Math.exp(m.logDensity(x)), 0.2, 0.6, 20000);
        assertThat(m.mass(0.2, 0.6)).isCloseTo(part, within(1e-9));
        // and against a direct sum over the components
        double x = 0.33;
        double direct = 0;
        for (int i = 0; i < c.size(); i++) direct += c.weights()[i] * new NormalDistribution(c.mus()[i], c.sigmas()[i]).density(x);
        assertThat(m.logDensity(x)).isCloseTo(Math.log(direct), within(1e-12));
    }

    @Test
    void prunedEvaluationOfALargeMixtureEqualsTheFullSum() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] obs = new double[1500];
        for (int i = 0; i < obs.length; i++) obs[i] = rng.nextDouble() < 0.3 ? Math.rint(rng.nextDouble() * 40) : rng.nextDouble() * 40;
        AdaptiveParzen.Components c = AdaptiveParzen.fit(obs, obs.length, 1.0, 20, 40, 25);
        GaussianMixture m = new GaussianMixture(c);
        for (double y = -2; y < 42; y += 0.731) {
            double sum = 0;
            double mass = 0;
            for (int i = 0; i < c.size(); i++) {
                double z = (y - c.mus()[i]) / c.sigmas()[i];
                sum += c.weights()[i] * Math.exp(-0.5 * z * z) / (c.sigmas()[i] * Math.sqrt(2 * Math.PI));
                mass += c.weights()[i] * 0.5 * (Erf.erfc(-(y + 0.5 - c.mus()[i]) / c.sigmas()[i] / Math.sqrt(2))
                        - Erf.erfc(-(y - 0.5 - c.mus()[i]) / c.sigmas()[i] / Math.sqrt(2)));
            }
            assertThat(m.logDensity(y)).isCloseTo(Math.log(sum), within(1e-12));
            assertThat(m.mass(y - 0.5, y + 0.5)).isCloseTo(mass, within(mass * 1e-10));
        }
    }

    @Test
    void goodSetFollowsHyperoptsSquareRootRuleWithFailuresLast() {
        double[] losses = new double[100];
        for (int i = 0; i < 100; i++) losses[i] = 100 - i;
        losses[7] = Double.POSITIVE_INFINITY;
        boolean[] good = HyperoptTpeSampler.goodSet(losses, 100, 0.25); // ceil(0.25 * 10) = 3
        int count = 0;
        for (boolean g : good) if (g) count++;
        assertThat(count).isEqualTo(3);
        assertThat(good[99]).isTrue();
        assertThat(good[98]).isTrue();
        assertThat(good[97]).isTrue();
        // capped at 25: 0.25 * sqrt(40000) = 50
        boolean[] big = HyperoptTpeSampler.goodSet(new double[40000], 40000, 0.25);
        count = 0;
        for (boolean g : big) if (g) count++;
        assertThat(count).isEqualTo(25);
        assertThat(big[24]).isTrue(); // ties go in trial order
        assertThat(big[25]).isFalse();
    }

    @Test
    void argsortIsStableAndOrdersLikeDoubleCompare() {
        double[] keys = {3.5, -0.0, 0.0, -7, 3.5, Double.POSITIVE_INFINITY, -1e-300, 2, 3.5, Double.NEGATIVE_INFINITY};
        assertThat(Sorting.argsort(keys, keys.length)).containsExactly(9, 3, 6, 1, 2, 7, 0, 4, 8, 5);
        SplittableRandom rng = new SplittableRandom(1);
        double[] many = new double[3000];
        for (int i = 0; i < many.length; i++) many[i] = Math.rint(rng.nextGaussian() * 50) / 7;
        int[] order = Sorting.argsort(many, many.length);
        for (int i = 1; i < order.length; i++) {
            int cmp = Double.compare(many[order[i - 1]], many[order[i]]);
            assertThat(cmp < 0 || (cmp == 0 && order[i - 1] < order[i])).isTrue();
        }
        boolean[] smallest = Sorting.smallest(many, many.length, 25);
        for (int i = 0; i < order.length; i++) assertThat(smallest[order[i]]).isEqualTo(i < 25);
    }

    private static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) s += f.applyAsDouble(a + i * h) * (i % 2 == 0 ? 2 : 4);
        return s * h / 3;
    }
}
