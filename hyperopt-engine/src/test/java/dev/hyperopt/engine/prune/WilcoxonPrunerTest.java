package dev.hyperopt.engine.prune;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import org.apache.commons.math3.stat.inference.WilcoxonSignedRankTest;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static dev.hyperopt.engine.prune.Studies.curve;
import static dev.hyperopt.engine.prune.Studies.judge;
import static dev.hyperopt.engine.prune.Studies.ok;
import static dev.hyperopt.engine.prune.Studies.pruned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WilcoxonPrunerTest {
    private static final Pruner WILCOXON = Engine.standard().pruner("wilcoxon");

    /** The best trial's errors on ten folds. */
    private static final double[] BEST = {0.30, 0.25, 0.41, 0.33, 0.28, 0.36, 0.22, 0.39, 0.31, 0.27};

    private static double[] shifted(double[] base, double... deltas) {
        double[] out = base.clone();
        for (int i = 0; i < out.length; i++) out[i] += deltas[i % deltas.length];
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    private static List<Trial> bestAndOthers() {
        List<Trial> study = new ArrayList<>();
        study.add(ok(0, mean(BEST), curve(BEST), Studies.START.plusSeconds(1)));
        study.add(ok(1, 0.5, curve(shifted(BEST, 0.2)), Studies.START.plusSeconds(2)));
        return study;
    }

    @Test
    void pValuesAreScipys() {
        // scipy.stats.wilcoxon(d, alternative="greater", zero_method="zsplit").pvalue, SciPy 1.17.
        // Exact, no ties (n = 10, n = 30):
        assertThat(SignedRank.greaterPValue(new double[] {0.8, -0.3, 1.2, 0.5, 0.9, -0.1, 0.7, 1.5, 0.2, 0.4}))
                .isCloseTo(0.0068359375, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {0.645584, 1.121618, 0.630437, -1.003157, 1.205356, 0.746375,
                -0.236953, 0.881118, 0.664572, 0.594132, 0.328422, 0.846713, -0.436454, 0.13709, -0.182119, 0.898846,
                0.339722, 0.007543, -0.481908, 0.042808, 0.308142, 0.024397, 1.594064, 1.306724, -2.411162, -1.589013,
                0.125228, -0.12219, 0.513643, 0.517322}))
                .isCloseTo(0.013870718888938427, within(1e-15));
        // Ties or zeros with n <= 13: exact over the sign flips.
        assertThat(SignedRank.greaterPValue(new double[] {1, 1, -1, 2, 2, 3, 0.5, -0.5})).isCloseTo(0.05078125, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {0, 0.4, 0.7, -0.2, 0.9, 1.1})).isCloseTo(0.0625, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {0, 0, 0})).isEqualTo(1.0);
        // Negative differences: the upper tail holds most of the distribution.
        assertThat(SignedRank.greaterPValue(new double[] {-0.8, 0.3, -1.2, -0.5, -0.9, 0.1, -0.7, -1.5, -0.2, -0.4}))
                .isCloseTo(0.9951171875, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {-1, -1, 1, -2, -2, -3, -0.5, 0.5})).isCloseTo(0.97265625, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {0.3, -0.1, 0.2, -0.4, 0.5, -0.6, 0.7, -0.8, 0.9, -1.0, 1.1}))
                .isCloseTo(0.38232421875, within(1e-15));
        assertThat(SignedRank.greaterPValue(new double[] {1, 2})).isEqualTo(0.25);
        // Ties and zeros with n = 20: the normal approximation with the tie correction.
        assertThat(SignedRank.greaterPValue(new double[] {1, -1, 0, -4, 4, 3, 0, 2, 1, -1, 2, 0, 0, -1, 1, 0, 2, -1, 1, -1}))
                .isCloseTo(0.1448515188545889, within(1e-12));
        // n = 60: the normal approximation.
        double[] sixty = {2.240919, -2.355665, 0.618099, -0.36777, -0.252649, -0.015597, -1.819986, -0.031932, -0.665213,
                3.523, 0.425787, -0.152631, -0.081287, -0.468046, -0.855151, -0.190801, 0.681945, -0.038554, 1.157759,
                0.000198, 0.22426, 1.745821, 0.745106, -0.305229, 0.017161, 0.740525, 2.135088, -0.06962, -0.043559,
                1.202314, -0.68646, -0.09172, 1.082539, 0.78035, 0.291517, 0.870104, -2.628162, 1.221307, -0.759645,
                -1.46862, 0.476446, 0.900545, -0.244767, -0.876406, 0.226125, 0.147253, 1.605598, 0.947408, 0.393816,
                1.311633, -0.005523, -0.7259, 0.784058, 0.782538, -0.014829, -0.582809, 0.429154, -2.293894, 0.890125,
                0.691368};
        assertThat(SignedRank.greaterPValue(sixty)).isCloseTo(0.06105993645064237, within(1e-12));
    }

    @Test
    void exactPValuesAreHalfOfCommonsMathsTwoSidedOnes() {
        WilcoxonSignedRankTest commons = new WilcoxonSignedRankTest();
        SplittableRandom random = new SplittableRandom(5);
        int compared = 0;
        for (int trial = 0; trial < 200; trial++) {
            int n = 3 + random.nextInt(14);
            double[] d = new double[n];
            double[] zero = new double[n];
            double rankSumPositive = 0;
            for (int i = 0; i < n; i++) d[i] = random.nextDouble(-1, 2);
            double[] ranks = new NaturalRanking().rank(abs(d));
            for (int i = 0; i < n; i++) if (d[i] > 0) rankSumPositive += ranks[i];
            if (rankSumPositive < n * (n + 1) / 4.0) continue;
            double twoSided = commons.wilcoxonSignedRankTest(zero, d, true);
            assertThat(SignedRank.greaterPValue(d)).isCloseTo(twoSided / 2, within(1e-12));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
    }

    private static double[] abs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = Math.abs(v[i]);
        return out;
    }

    @Test
    void aClearlyWorseTrialIsStoppedAndABetterOneKept() {
        double[] worse = shifted(BEST, 0.05, 0.02, 0.08);
        // Worse on all of the first 4 folds: p = 1/16 < 0.1.
        assertThat(WILCOXON.prune(judge(5, curve(Arrays.copyOf(worse, 4)), bestAndOthers()))).isTrue();
        // On 3 folds p = 1/8: not yet.
        assertThat(WILCOXON.prune(judge(5, curve(Arrays.copyOf(worse, 3)), bestAndOthers()))).isFalse();
        double[] better = shifted(BEST, -0.05, -0.02);
        assertThat(WILCOXON.prune(judge(5, curve(better), bestAndOthers()))).isFalse();
        // Worse on 6 folds and better on 4 by about as much: no evidence.
        double[] mixed = shifted(BEST, 0.03, -0.03, 0.04, -0.02, 0.01);
        assertThat(WILCOXON.prune(judge(5, curve(mixed), bestAndOthers()))).isFalse();
        // Worse on all ten folds: p = 1/1024.
        assertThat(Engine.standard().pruner("wilcoxon:p_threshold=0.01").prune(judge(5, curve(worse), bestAndOthers()))).isTrue();
        assertThat(Engine.standard().pruner("wilcoxon:p_threshold=0.0005").prune(judge(5, curve(worse), bestAndOthers()))).isFalse();
    }

    @Test
    void aTrialWhoseMeanIsBetterIsNeverStopped() {
        // Slightly worse on nine folds, much better on the tenth: the ranks say worse (p ~ 0.04),
        // the mean says better.
        double[] d = {0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, -0.5};
        assertThat(SignedRank.greaterPValue(d)).isLessThan(0.1);
        double[] trial = BEST.clone();
        for (int i = 0; i < d.length; i++) trial[i] += d[i];
        assertThat(WILCOXON.prune(judge(5, curve(trial), bestAndOthers()))).isFalse();
        // With the tenth fold as bad as the others it is stopped.
        trial[9] = BEST[9] + 0.01;
        assertThat(WILCOXON.prune(judge(5, curve(trial), bestAndOthers()))).isTrue();
    }

    @Test
    void onlyStepsBothReportedAreCompared() {
        // The trial reported on even folds, and on folds 11 and 12 the best trial never saw.
        List<Intermediate> c = new ArrayList<>();
        for (int fold = 2; fold <= 10; fold += 2) c.add(new Intermediate(fold, BEST[fold - 1] + 0.05));
        c.add(new Intermediate(11, 0.0));
        c.add(new Intermediate(12, 0.0));
        // Five common folds, all worse: p = 1/32; folds 11 and 12 would make its mean better if they counted.
        assertThat(WILCOXON.prune(judge(5, c, bestAndOthers()))).isTrue();
    }

    @Test
    void startupStepsAndMissingReferencesKeepTheTrial() {
        double[] worse = shifted(BEST, 0.5);
        Pruner late = Engine.standard().pruner("wilcoxon:n_startup_steps=5");
        assertThat(late.prune(judge(5, curve(Arrays.copyOf(worse, 4)), bestAndOthers()))).isFalse();
        assertThat(late.prune(judge(5, curve(Arrays.copyOf(worse, 5)), bestAndOthers()))).isTrue();
        // One common step is never enough, whatever n_startup_steps says.
        Pruner eager = Engine.standard().pruner("wilcoxon:n_startup_steps=0,p_threshold=1");
        assertThat(eager.prune(judge(5, curve(worse[0]), bestAndOthers()))).isFalse();
        assertThat(eager.prune(judge(5, curve(worse[0], worse[1]), bestAndOthers()))).isTrue();
        // No trial finished ok, or the best one reported nothing.
        assertThat(WILCOXON.prune(judge(5, curve(worse), List.of(pruned(0, curve(BEST)))))).isFalse();
        List<Trial> silentBest = new ArrayList<>(bestAndOthers());
        silentBest.add(ok(2, 0.01, List.of(), Studies.START.plusSeconds(3)));
        assertThat(WILCOXON.prune(judge(5, curve(worse), silentBest))).isFalse();
    }

    @Test
    void theReferenceIsTheOkTrialWithTheLowestLoss() {
        // A pruned trial with far better values is not the reference; nor is trial 1, whose loss is higher.
        List<Trial> study = new ArrayList<>(bestAndOthers());
        study.add(pruned(3, curve(shifted(BEST, -1))));
        double[] between = shifted(BEST, 0.1);
        assertThat(WILCOXON.prune(judge(5, curve(between), study))).isTrue();
        // Against trial 1 (BEST + 0.2) it would be better: make trial 1 the best by loss.
        List<Trial> otherBest = List.of(ok(0, 0.9, curve(BEST), Studies.START.plusSeconds(1)),
                ok(1, 0.5, curve(shifted(BEST, 0.2)), Studies.START.plusSeconds(2)));
        assertThat(WILCOXON.prune(judge(5, curve(between), otherBest))).isFalse();
    }
}
