package dev.hyperopt.report;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.run.Result;

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
}
