package dev.hyperopt.engine.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.multibindings.MapBinder;
import dev.hyperopt.engine.objective.CommandObjectiveFactory;
import dev.hyperopt.engine.prune.AshaPrunerFactory;
import dev.hyperopt.engine.prune.HyperbandPrunerFactory;
import dev.hyperopt.engine.prune.MedianPrunerFactory;
import dev.hyperopt.engine.prune.NonePrunerFactory;
import dev.hyperopt.engine.prune.PercentilePrunerFactory;
import dev.hyperopt.engine.prune.PrunerFactory;
import dev.hyperopt.engine.prune.WilcoxonPrunerFactory;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.sample.anneal.AnnealSampler;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.sample.tpe.HyperoptTpeSampler;
import dev.hyperopt.engine.sample.tpe.TpeSampler;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.engine.store.MemoryTrialStoreFactory;
import dev.hyperopt.engine.store.TrialStoreFactory;
import dev.hyperopt.engine.store.jdbc.postgres.PostgresTrialStoreFactory;
import dev.hyperopt.engine.store.jdbc.sqlite.SqliteTrialStoreFactory;

/**
 * The engine's own bindings: samplers by algorithm name ({@code tpe}, {@code tpe-hyperopt}
 * for Hyperopt's own variant, {@code anneal}, {@code rand} or {@code random}), store factories by URL scheme,
 * objective factories and pruner factories by name ({@code none}, {@code median}, {@code percentile},
 * {@code asha} or {@code successive-halving}, {@code hyperband}, {@code wilcoxon}). A family's module adds to the same maps with
 * {@link #samplers(Binder)}, {@link #stores(Binder)}, {@link #objectives(Binder)} and {@link #pruners(Binder)}.
 */
public final class EngineModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, Sampler> samplers = samplers(binder());
        samplers.addBinding("random").to(RandomSampler.class);
        samplers.addBinding("rand").to(RandomSampler.class);
        samplers.addBinding("tpe").to(TpeSampler.class);
        samplers.addBinding("tpe-hyperopt").to(HyperoptTpeSampler.class);
        samplers.addBinding("anneal").to(AnnealSampler.class);
        stores(binder()).addBinding("memory").to(MemoryTrialStoreFactory.class);
        stores(binder()).addBinding("sqlite").to(SqliteTrialStoreFactory.class);
        stores(binder()).addBinding("postgresql").to(PostgresTrialStoreFactory.class);
        objectives(binder()).addBinding("command").to(CommandObjectiveFactory.class);
        MapBinder<String, PrunerFactory> pruners = pruners(binder());
        pruners.addBinding("none").to(NonePrunerFactory.class);
        pruners.addBinding("median").to(MedianPrunerFactory.class);
        pruners.addBinding("percentile").to(PercentilePrunerFactory.class);
        pruners.addBinding("asha").to(AshaPrunerFactory.class);
        pruners.addBinding("successive-halving").to(AshaPrunerFactory.class);
        pruners.addBinding("hyperband").to(HyperbandPrunerFactory.class);
        pruners.addBinding("wilcoxon").to(WilcoxonPrunerFactory.class);
    }

    /** The map of pruner factories by name ({@code --pruner NAME[:KEY=VALUE,...]}). */
    public static MapBinder<String, PrunerFactory> pruners(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, PrunerFactory.class);
    }

    /** The map of samplers by algorithm name ({@code --algo}). */
    public static MapBinder<String, Sampler> samplers(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, Sampler.class);
    }

    /** The map of store factories by URL scheme ({@code --store}). */
    public static MapBinder<String, TrialStoreFactory> stores(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, TrialStoreFactory.class);
    }

    /** The map of objective factories by name. */
    public static MapBinder<String, ObjectiveFactory> objectives(Binder binder) {
        return MapBinder.newMapBinder(binder, String.class, ObjectiveFactory.class);
    }
}
