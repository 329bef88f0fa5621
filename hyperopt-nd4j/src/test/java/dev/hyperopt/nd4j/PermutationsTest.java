package dev.hyperopt.nd4j;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermutationsTest {

    @Test
    void holdsEveryIndexOnce() {
        int[] p = Permutations.random(1000, new SplittableRandom(3));
        assertThat(Arrays.stream(p).sorted().toArray()).isEqualTo(IntStream.range(0, 1000).toArray());
        assertThat(p).isNotEqualTo(IntStream.range(0, 1000).toArray());
    }

    @Test
    void sameSeedSameOrder() {
        assertThat(Permutations.random(50, new SplittableRandom(7))).isEqualTo(Permutations.random(50, new SplittableRandom(7)));
        assertThat(Permutations.random(50, new SplittableRandom(7))).isNotEqualTo(Permutations.random(50, new SplittableRandom(8)));
    }

    @Test
    void emptyAndSingle() {
        assertThat(Permutations.random(0, new SplittableRandom(1))).isEmpty();
        assertThat(Permutations.random(1, new SplittableRandom(1))).containsExactly(0);
        assertThatThrownBy(() -> Permutations.random(-1, new SplittableRandom(1))).hasMessageContaining("n >= 0");
    }
}
