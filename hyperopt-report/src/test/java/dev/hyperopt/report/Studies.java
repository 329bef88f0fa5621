package dev.hyperopt.report;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;
import dev.hyperopt.engine.sample.Seeds;
import dev.hyperopt.engine.sample.random.PriorSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.StudyInfo;

import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Studies to report on: a space with a log-scaled, a quantized, a conditional and a
 * categorical hyperparameter, and an objective that depends mostly on the learning rate
 * and fails for large rates under sgd, as a diverging model would.
 */
final class Studies {
    private Studies() {}

    static SearchSpace space() {
        return Spaces.space(Spaces.dict()
                .put("lr", Spaces.loguniform(1e-5, 1e-1))
                .put("units", Spaces.quniform(16, 512, 16))
                .put("activation", Spaces.choice("relu", "tanh", "gelu"))
                .put("optimizer", Spaces.namedChoice()
                        .branch("sgd", Spaces.dict().put("momentum", Spaces.uniform(0.0, 0.99)))
                        .branch("adam", Spaces.dict().put("beta1", Spaces.uniform(0.8, 0.999))))
                .build());
    }

    static double loss(Config c) {
        double lr = c.getDouble("lr");
        double d = Math.log10(lr) + 3; // best near lr = 1e-3
        double act = c.getString("activation").equals("tanh") ? 0.05 : 0.0;
        return 0.1 + d * d * 0.2 + act + c.getDouble("units") / 512 * 0.02;
    }

    /** A study of {@code trials} trials; every {@code failEvery}-th also fails (0: only the diverging ones). */
    static Result run(int trials, String algorithm, long seed, int failEvery) {
        return Hyperopt.minimize(space(), ctx -> {
            Config c = ctx.config();
            if (failEvery > 0 && ctx.trial() % failEvery == failEvery - 1) throw new IllegalStateException("out of memory in trial " + ctx.trial());
            if (c.has("optimizer.sgd") && c.getDouble("lr") > 0.03) return Outcome.fail("diverged: loss became NaN at epoch 3 <lr too large>");
            return Outcome.ok(loss(c));
        }).algorithm(algorithm).maxEvals(trials).seed(seed).study("demo").run();
    }

    /** What trial n of a curve study does: report values after steps 1 to {@code reports}, then end as {@code state} (running: not at all). */
    record Fate(TrialState state, int reports) {}

    /** A study read back from the store it was made in, as {@code hyperopt report} reads one. */
    record Stored(StudyInfo info, List<Trial> trials) {
        HtmlReport report() {
            return HtmlReport.of(info, space(), trials);
        }
    }

    /**
     * A study whose trials report a learning curve, made through a {@link MemoryTrialStore} the
     * way a run with a pruner drives it: configurations drawn from the prior, each reported
     * value falling from 2 above the trial's {@link #loss} towards it, an ok trial finishing with
     * its last value (one that reported none with the value it would have reported first), and
     * times from a fake clock.
     */
    static Stored withCurves(String name, int trials, long seed, LongFunction<Fate> fate) {
        SearchSpace space = space();
        try (MemoryTrialStore store = new MemoryTrialStore()) {
            StudyInfo info = store.openStudy(name, space, "rand", seed);
            Instant clock = Instant.parse("2024-01-01T00:00:00Z");
            for (int i = 0; i < trials; i++) {
                long n = store.reserveTrial(name);
                Assignment a = PriorSampler.sample(space, Seeds.stream(seed, n));
                Config c = Config.of(SpaceEvaluator.evaluate(a));
                store.startTrial(name, Trial.running(n, a.values(), a.labels(), c, clock));
                Fate f = fate.apply(n);
                double target = loss(c);
                double last = target + 2;
                for (int step = 1; step <= f.reports(); step++) {
                    clock = clock.plusSeconds(1);
                    last = target + 2 * Math.exp(-(step - 1) / 8.0);
                    store.report(name, n, new Intermediate(step, last));
                }
                clock = clock.plusSeconds(1);
                switch (f.state()) {
                    case OK -> store.finishTrial(name, n, Outcome.ok(last), clock);
                    case PRUNED -> store.finishTrial(name, n, Outcome.pruned(), clock);
                    case FAIL -> store.finishTrial(name, n, Outcome.fail("diverged after step " + f.reports()), clock);
                    case RUNNING -> { }
                }
            }
            return new Stored(info, store.trials(name));
        }
    }
}
