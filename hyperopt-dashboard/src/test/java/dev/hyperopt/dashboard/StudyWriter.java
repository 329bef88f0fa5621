package dev.hyperopt.dashboard;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Study;
import dev.hyperopt.engine.store.TrialStore;

import java.nio.file.Path;

/**
 * Writes the trials of one study into an SQLite file through a store of its own, as a run in
 * another process would: a learning rate that matters most, a width best near 256, an activation, and
 * failures for some large rates.
 */
final class StudyWriter implements AutoCloseable {
    private final TrialStore store;
    private final Study study;

    StudyWriter(Path db, String name, String algorithm, long seed) {
        store = Engine.standard().openStore("sqlite:" + db);
        study = Hyperopt.study(space()).store(store).name(name).algorithm(algorithm).seed(seed).open();
    }

    static SearchSpace space() {
        return Spaces.space(Spaces.dict()
                .put("lr", Spaces.loguniform(1e-5, 1e-1))
                .put("units", Spaces.quniform(16, 512, 16))
                .put("activation", Spaces.choice("relu", "tanh"))
                .build());
    }

    /** Evaluates {@code n} more trials, one after the other. */
    StudyWriter trials(int n) {
        for (int i = 0; i < n; i++) {
            TrialContext t = study.ask();
            study.tell(t.trial(), outcome(t.config()));
        }
        return this;
    }

    /** Starts one more trial and leaves it running, as a worker in the middle of it would. */
    StudyWriter start() {
        study.ask();
        return this;
    }

    private static Outcome outcome(Config c) {
        double lr = c.getDouble("lr");
        if (lr > 0.05 && c.getString("activation").equals("relu")) return Outcome.fail("diverged: the loss became NaN");
        double d = Math.log10(lr) + 3;
        double w = (c.getDouble("units") - 256) / 256;
        return Outcome.ok(0.1 + d * d * 0.2 + w * w * 0.3 + (c.getString("activation").equals("tanh") ? 0.05 : 0));
    }

    @Override
    public void close() {
        store.close();
    }
}
