package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.sample.Observation;

/** Trials as samplers see them. */
final class Observations {
    private Observations() {}

    static Observation of(Trial t) {
        Intermediate last = t.lastIntermediate();
        return switch (t.state()) {
            case RUNNING -> new Observation(t.number(), t.values(), Observation.State.RUNNING, Double.NaN);
            case OK -> Observation.ok(t.number(), t.values(), t.loss());
            case FAIL -> new Observation(t.number(), t.values(), Observation.State.FAILED, Double.NaN);
            case PRUNED -> last == null
                    ? new Observation(t.number(), t.values(), Observation.State.PRUNED, Double.NaN)
                    : Observation.pruned(t.number(), t.values(), last.step(), last.value());
        };
    }
}
