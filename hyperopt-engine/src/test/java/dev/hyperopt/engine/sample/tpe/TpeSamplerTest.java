package dev.hyperopt.engine.sample.tpe;

import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.engine.sample.Observation;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.space.Assignment;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TpeSamplerTest {
    private static final double TOL = 1e-12;

    @Test
    void hyperparametersSharingAConditionFormOneGroupInDrawingOrder() {
        List<int[]> groups = TpeSampler.groups(Problems.CASH, true);
        List<List<String>> labels = new ArrayList<>();
        for (int[] g : groups) {
            List<String> names = new ArrayList<>();
            for (int i : g) {
                String l = Problems.CASH.hyperparameter(i).label();
                names.add(l.substring(l.lastIndexOf('.') + 1));
            }
            labels.add(names);
        }
        assertThat(labels).containsExactly(
                List.of("model"),
                List.of("svm_C", "svm_kernel"),
                List.of("svm_rbf_gamma"),
                List.of("svm_poly_gamma", "svm_poly_degree"),
                List.of("rf_n_estimators", "rf_max_depth", "rf_max_features", "rf_criterion"),
                List.of("mlp_lr", "mlp_hidden", "mlp_alpha", "mlp_activation"));
        assertThat(TpeSampler.groups(Problems.CASH, false)).hasSize(Problems.CASH.size());
    }

    @Test
    void univariateWidthsUseNeighboursAndOptionallyTheEndsOfTheRange() {
        // obs 0.4, 0.45, 0.55 and the prior mean 0.5 on uniform(0, 1)
        Dimension dim = Dimension.of(Param.labelled("u", Distribution.of(Dist.UNIFORM, 0, 1)));
        double[] mus = {0.4, 0.45, 0.55, 0.5};
        double[] withEnds = new double[4];
        UnivariateParzen.neighbourWidths(mus, withEnds, Sorting.argsort(mus, 4), dim, true);
        assertThat(withEnds[0]).isCloseTo(0.4, within(TOL));  // max(0.4 - 0, 0.05)
        assertThat(withEnds[1]).isCloseTo(0.05, within(TOL));
        assertThat(withEnds[2]).isCloseTo(0.45, within(TOL)); // max(0.05, 1 - 0.55)
        double[] without = new double[4];
        UnivariateParzen.neighbourWidths(mus, without, Sorting.argsort(mus, 4), dim, false);
        assertThat(without[0]).isCloseTo(0.05, within(TOL));
        assertThat(without[2]).isCloseTo(0.05, within(TOL));
    }

    @Test
    void optunasCategoricalKernelsSmoothEachObservationWithThePrior() {
        // obs 0, 2, 2 over K = 3 (uniform prior), priorWeight 1: c = 1/4 * 3 = 0.75.
        // Each observation's kernel: (0.75/3 + [x = obs]) / 1.75; prior kernel 1/3; kernel weights 1/4 each.
        Dimension dim = Dimension.of(Param.labelled("r", Distribution.of(Dist.RANDINT, 0, 3)));
        double[] p = UnivariateParzen.categorical(dim, new double[] {0, 2, 2}, 3, TpeOptions.OPTUNA);
        double base = 0.25 / 1.75;
        double hit = 1.0 / 1.75;
        assertThat(p[0]).isCloseTo((3 * base + hit + 1.0 / 3) / 4, within(TOL));
        assertThat(p[1]).isCloseTo((3 * base + 1.0 / 3) / 4, within(TOL));
        assertThat(p[2]).isCloseTo((3 * base + 2 * hit + 1.0 / 3) / 4, within(TOL));
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(TOL));
    }

    @Test
    void perKernelTruncatedDensitiesIntegrateToOne() {
        TpeOptions o = TpeOptions.DEFAULTS;
        Dimension u = Dimension.of(Param.labelled("u", Distribution.of(Dist.UNIFORM, -1, 2)));
        double[] obs = {-0.95, 1.9, 0.3, 0.31, 1.2};
        UnivariateParzen alone = new UnivariateParzen(u, obs, obs.length, o);
        assertThat(simpson(x -> Math.exp(alone.logPdf(x, x)), -1, 2, 20000)).isCloseTo(1.0, within(1e-9));

        Dimension q = Dimension.of(Param.labelled("q", Distribution.of(Dist.QUNIFORM, 0, 20, 2)));
        UnivariateParzen quantized = new UnivariateParzen(q, new double[] {0, 2, 2, 14, 20}, 5, o);
        double total = 0;
        for (int x = 0; x <= 20; x += 2) total += Math.exp(quantized.logPdf(x, x));
        assertThat(total).isCloseTo(1.0, within(1e-12));

        // jointly: a 2-D box plus a categorical
        Dimension c = Dimension.of(Param.labelled("c", Distribution.of(Dist.RANDINT, 0, 3)));
        Dimension lu = Dimension.of(Param.labelled("lu", Distribution.of(Dist.LOGUNIFORM, 1, Math.E * Math.E)));
        Dimension[] dims = {u, lu, c};
        double[][] jointObs = {{-0.9, 0.5, 1.7, 0.2}, {0.1, 1.9, 0.5, 1.0}, {0, 2, 2, 1}};
        ProductKernels k = new ProductKernels(dims, jointObs, 4, o);
        double sum = 0;
        for (int cat = 0; cat < 3; cat++) {
            final int cc = cat;
            // working space of lu is log x in [0, 2]; densities are per unit of log x
            sum += simpson(x -> simpson(y -> Math.exp(k.logPdf(new double[] {x, Math.exp(y), cc})), 0, 2, 400), -1, 2, 400);
        }
        assertThat(sum).isCloseTo(1.0, within(1e-6));

        // jointly with a quantized dimension: the bin masses sum to one
        ProductKernels kq = new ProductKernels(new Dimension[] {q}, new double[][] {{0, 2, 2, 14, 20}}, 5, o);
        double qt = 0;
        for (int x = 0; x <= 20; x += 2) qt += Math.exp(kq.logPdf(new double[] {x}));
        assertThat(qt).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void constantLiarSpreadsTheSuggestionsOfParallelWorkers() {
        double spreadWithLiar = 0;
        double spreadWithout = 0;
        for (int seed = 0; seed < 10; seed++) {
            spreadWithLiar += parallelSpread(new TpeSampler(TpeOptions.DEFAULTS.withConstantLiar(true)), seed);
            spreadWithout += parallelSpread(new TpeSampler(TpeOptions.DEFAULTS.withConstantLiar(false)), seed);
        }
        assertThat(spreadWithLiar).isGreaterThan(spreadWithout);
    }

    /** 30 finished branin trials, then 6 workers ask one after another while the others still run: mean pairwise distance. */
    private static double parallelSpread(TpeSampler sampler, long seed) {
        List<Observation> history = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            Assignment a = sampler.suggest(new SamplingContext(Problems.BRANIN.space(), history, seed, t));
            history.add(Observation.ok(t, a.values(), Problems.BRANIN.evaluate(a)));
        }
        List<double[]> asked = new ArrayList<>();
        for (int w = 0; w < 6; w++) {
            Assignment a = sampler.suggest(new SamplingContext(Problems.BRANIN.space(), history, seed, 30 + w));
            asked.add(a.values());
            history.add(new Observation(30 + w, a.values(), Observation.State.RUNNING, Double.NaN));
        }
        double sum = 0;
        int pairs = 0;
        for (int i = 0; i < asked.size(); i++) {
            for (int j = i + 1; j < asked.size(); j++) {
                sum += Math.hypot(asked.get(i)[0] - asked.get(j)[0], asked.get(i)[1] - asked.get(j)[1]);
                pairs++;
            }
        }
        return sum / pairs;
    }

    private static double simpson(DoubleUnaryOperator f, double a, double b, int n) {
        double h = (b - a) / n;
        double s = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < n; i++) s += f.applyAsDouble(a + i * h) * (i % 2 == 0 ? 2 : 4);
        return s * h / 3;
    }

    @Test
    void rankWeightsFavourTheBestGoodTrialAndAverageOne() {
        double[] loss = {0.3, 0.1, 0.2, 0.4};
        double[] w = TpeSampler.rankWeights(loss, 4, 1.0);
        assertThat(w[1]).isGreaterThan(w[2]);
        assertThat(w[2]).isGreaterThan(w[0]);
        assertThat(w[0]).isGreaterThan(w[3]);
        assertThat(w[1] + w[2] + w[0] + w[3]).isCloseTo(4.0, within(TOL));
        assertThat(TpeSampler.rankWeights(loss, 4, 0.0)).containsOnly(1.0);
    }

    @Test
    void adaptiveJointKernelsNarrowWhereObservationsCluster() {
        Dimension u = Dimension.of(Param.labelled("u", Distribution.of(Dist.UNIFORM, 0, 10)));
        Dimension v = Dimension.of(Param.labelled("v", Distribution.of(Dist.UNIFORM, 0, 10)));
        double[][] obs = {{5.0, 5.01, 5.02, 9.0}, {1.0, 1.01, 1.02, 9.0}};
        TpeOptions adaptive = TpeOptions.DEFAULTS;
        TpeOptions common = TpeOptions.DEFAULTS.withAdaptiveWidths(false);
        ProductKernels a = new ProductKernels(new Dimension[] {u, v}, obs, 4, null, 200, adaptive);
        ProductKernels c = new ProductKernels(new Dimension[] {u, v}, obs, 4, null, 200, common);
        // At the cluster the adaptive estimator is far more peaked than one with a common width.
        assertThat(a.logPdf(new double[] {5.01, 1.01})).isGreaterThan(c.logPdf(new double[] {5.01, 1.01}) + 2);
    }
}
