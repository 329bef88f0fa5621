package dev.hyperopt.engine.spi;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OneStandardErrorTest {

    private static final Map<String, Object> DEFAULT = Map.of("hidden", 256, "lr", 0.001, "activation", "relu");

    private static Trial ok(long number, Map<String, Object> labels, double loss) {
        Instant t = Instant.EPOCH;
        return new Trial(number, TrialState.OK, new double[0], labels, null, loss, Map.of(), null, t, t);
    }

    private static Trial failed(long number, Map<String, Object> labels) {
        Instant t = Instant.EPOCH;
        return new Trial(number, TrialState.FAIL, new double[0], labels, null, Double.NaN, Map.of(), "diverged", t, t);
    }

    @Test
    void keepsTheDefaultWhenTheBestLeadsByOneExampleOfTwoHundred() {
        Trial known = ok(0, DEFAULT, 0.125);
        Trial best = ok(3, Map.of("hidden", 64, "lr", 0.01, "activation", "tanh"), 0.12);
        OneStandardError.Choice c = OneStandardError.choose(best, List.of(known, ok(1, Map.of("hidden", 32), 0.3), best), List.of(DEFAULT), 200);
        assertEquals(0, c.trial().number());
        assertTrue(c.keptKnownGood(best));
        assertEquals(Math.sqrt(0.12 * 0.88 / 200), c.standardError(), 1e-12);
    }

    @Test
    void takesTheBestWhenItLeadsByMoreThanOneStandardError() {
        Trial known = ok(0, DEFAULT, 0.16);
        Trial best = ok(4, Map.of("hidden", 512, "lr", 0.003, "activation", "relu"), 0.12);
        OneStandardError.Choice c = OneStandardError.choose(best, List.of(known, best), List.of(DEFAULT), 1000);
        assertEquals(4, c.trial().number());
        assertFalse(c.keptKnownGood(best));
    }

    @Test
    void aStoreReadsNumbersBackInAnotherTypeAndTheDefaultIsStillRecognised() {
        Trial known = ok(0, Map.of("hidden", 256L, "lr", 0.001, "activation", "relu"), 0.125);
        Trial best = ok(2, Map.of("hidden", 128L, "lr", 0.001, "activation", "relu"), 0.12);
        assertEquals(0, OneStandardError.choose(best, List.of(known, best), List.of(DEFAULT), 200).trial().number());
    }

    @Test
    void aFailedDefaultOrNoDefaultLeavesTheBest() {
        Trial best = ok(2, Map.of("hidden", 128, "lr", 0.001, "activation", "relu"), 0.12);
        assertEquals(2, OneStandardError.choose(best, List.of(failed(0, DEFAULT), best), List.of(DEFAULT), 200).trial().number());
        assertEquals(2, OneStandardError.choose(best, List.of(best), List.of(), 200).trial().number());
    }

    @Test
    void theBestKnownGoodTrialIsKeptAmongSeveral() {
        Map<String, Object> other = Map.of("hidden", 64, "lr", 0.01, "activation", "relu");
        Trial best = ok(5, Map.of("hidden", 512, "lr", 0.003, "activation", "tanh"), 0.10);
        List<Trial> trials = List.of(ok(0, DEFAULT, 0.115), ok(1, other, 0.105), best);
        assertEquals(1, OneStandardError.choose(best, trials, List.of(DEFAULT, other), 300).trial().number());
    }

    @Test
    void aChallengerMustBeLowerByMoreThanItsOwnStandardError() {
        double se = Math.sqrt(0.144 * 0.856 / 1000); // 0.0111
        assertTrue(OneStandardError.beats(0.144, 0.158, 1000));
        assertFalse(OneStandardError.beats(0.150, 0.158, 1000));
        assertFalse(OneStandardError.beats(0.148, 0.158, 1000), "0.148 is 0.0100 lower; its standard error is 0.0112");
        assertTrue(OneStandardError.beats(0.10, 0.101, 0), "with no examples there is no noise to clear");
        assertEquals(se, OneStandardError.standardError(0.144, 1000), 1e-15);
    }
}
