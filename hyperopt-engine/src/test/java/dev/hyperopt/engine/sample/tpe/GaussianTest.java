package dev.hyperopt.engine.sample.tpe;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.special.Erf;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class GaussianTest {

    @Test
    void erfcAgreesWithCommonsMathAcrossTheRangeIncludingTails() {
        for (double x = -6; x <= 26; x += 0.0137) {
            double expected = Erf.erfc(x);
            double actual = Gaussian.erfc(x);
            assertThat(actual).as("erfc(%s)", x).isCloseTo(expected, within(Math.abs(expected) * 1e-12 + 1e-300));
        }
        assertThat(Gaussian.erfc(0)).isEqualTo(1.0);
        assertThat(Gaussian.erfc(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(Gaussian.erfc(Double.NEGATIVE_INFINITY)).isEqualTo(2.0);
    }

    @Test
    void intervalMassMatchesTheNormalCdfAndStaysAccurateFarOut() {
        NormalDistribution std = new NormalDistribution(0, 1);
        double[][] intervals = {{-1, 1}, {-3, -2.5}, {0.2, 0.3}, {-0.5, 4}, {Double.NEGATIVE_INFINITY, 0.7}, {1.1, Double.POSITIVE_INFINITY}};
        for (double[] iv : intervals) {
            double expected = std.cumulativeProbability(iv[1]) - std.cumulativeProbability(iv[0]);
            assertThat(Gaussian.mass(iv[0], iv[1])).isCloseTo(expected, within(1e-14));
        }
        // In the far tail 0.5 * (1 + erf(z)) cancels to 0; the tail form keeps ~15 digits.
        double far = Gaussian.mass(12, 12.5);
        double expected = 0.5 * (Erf.erfc(12 / Math.sqrt(2)) - Erf.erfc(12.5 / Math.sqrt(2)));
        assertThat(far).isGreaterThan(0).isCloseTo(expected, within(expected * 1e-10));
    }
}
