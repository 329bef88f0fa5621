package dev.hyperopt.engine.sample.tpe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.Param;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The estimators and densities of {@link HyperoptTpeSampler} against tpe.py's own
 * formulas (adaptive_parzen_normal, GMM1_lpdf, LGMM1_lpdf) evaluated with numpy by
 * {@code hyperopt-formulas.py} beside the fixture: 48 random observation sets over all
 * eight numeric distributions, with and without linear forgetting.
 */
class HyperoptFormulasTest {

    @Test
    void matchesTpePyOnRandomObservationSets() throws IOException {
        JsonNode cases;
        try (InputStream in = getClass().getResourceAsStream("hyperopt-formulas.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertThat(cases.size()).isEqualTo(48);
        for (JsonNode c : cases) {
            Dist kind = Dist.byKeyword(c.get("kind").asText());
            Distribution d = kind.isQuantized()
                    ? Distribution.of(kind, c.get("a").asDouble(), c.get("b").asDouble(), c.get("q").asDouble())
                    : Distribution.of(kind, c.get("a").asDouble(), c.get("b").asDouble());
            Dimension dim = Dimension.of(Param.labelled("p", d));
            double[] obs = doubles(c.get("obs"));
            double[] working = new double[obs.length];
            for (int i = 0; i < obs.length; i++) working[i] = dim.toWorking(obs[i]);
            AdaptiveParzen.Components p = AdaptiveParzen.fit(working, working.length, 1.0, dim.priorMu(), dim.priorSigma(), c.get("lf").asInt());
            String where = kind + " n=" + obs.length + " lf=" + c.get("lf").asInt();
            assertClose(p.weights(), doubles(c.get("w")), where + " weights");
            assertClose(p.mus(), doubles(c.get("mu")), where + " mus");
            assertClose(p.sigmas(), doubles(c.get("s")), where + " sigmas");

            GaussianMixture m = new GaussianMixture(p);
            double logAccept = dim.isBounded() ? Math.log(m.mass(dim.lo(), dim.hi())) : 0;
            double[] xs = doubles(c.get("x"));
            double[] expected = doubles(c.get("lpdf"));
            for (int i = 0; i < xs.length; i++) {
                double x = xs[i];
                double y = dim.log() ? Math.log(x) : x;
                double actual = HyperoptTpeSampler.logPdf(dim, m, logAccept, x, y);
                assertThat(actual).as("%s lpdf(%s)", where, x).isCloseTo(expected[i], within(1e-9 * Math.max(1, Math.abs(expected[i]))));
            }
        }
    }

    private static void assertClose(double[] actual, double[] expected, String what) {
        assertThat(actual).as(what).hasSameSizeAs(expected);
        for (int i = 0; i < actual.length; i++) {
            assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(1e-12 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    private static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asDouble();
        return out;
    }
}
