package dev.hyperopt.engine.inject;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.TypeLiteral;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.prune.Pruner;
import dev.hyperopt.engine.prune.PrunerFactory;
import dev.hyperopt.engine.prune.PrunerOptions;
import dev.hyperopt.engine.prune.PrunerSpec;
import dev.hyperopt.engine.sample.Sampler;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.ObjectiveFactory;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.store.TrialStoreFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;

/**
 * The wired engine: the engine's module, every {@link Family} found on the class path,
 * and any extra modules, in one injector. Samplers, stores and objectives are looked up
 * here by the names users write.
 */
public final class Engine {
    private static volatile Engine standard;

    private final Injector injector;
    private final List<Family> families;
    private final Map<String, Sampler> samplers;
    private final Map<String, TrialStoreFactory> stores;
    private final Map<String, ObjectiveFactory> objectives;
    private final Map<String, PrunerFactory> pruners;

    private Engine(Injector injector, List<Family> families) {
        this.injector = injector;
        this.families = List.copyOf(families);
        this.samplers = injector.getInstance(Key.get(new TypeLiteral<Map<String, Sampler>>() {}));
        this.stores = injector.getInstance(Key.get(new TypeLiteral<Map<String, TrialStoreFactory>>() {}));
        this.objectives = injector.getInstance(Key.get(new TypeLiteral<Map<String, ObjectiveFactory>>() {}));
        this.pruners = injector.getInstance(Key.get(new TypeLiteral<Map<String, PrunerFactory>>() {}));
    }

    /** The engine with every family on the class path, built once. */
    public static Engine standard() {
        Engine e = standard;
        if (e == null) {
            synchronized (Engine.class) {
                e = standard;
                if (e == null) standard = e = create();
            }
        }
        return e;
    }

    /** A new engine: the engine module, the families found by {@link ServiceLoader}, and {@code extra}. */
    public static Engine create(Module... extra) {
        List<Family> families = discover();
        List<Module> modules = new ArrayList<>();
        modules.add(new EngineModule());
        for (Family f : families) modules.add(f.module());
        modules.addAll(List.of(extra));
        return new Engine(Guice.createInjector(modules), families);
    }

    /**
     * The families on the class path, sorted by id, without wiring them: cheap enough for
     * building the command line, which lists their commands.
     */
    public static List<Family> discover() {
        List<Family> families = new ArrayList<>();
        for (Family f : ServiceLoader.load(Family.class, Engine.class.getClassLoader())) families.add(f);
        families.sort(java.util.Comparator.comparing(Family::id));
        return families;
    }

    public Injector injector() {
        return injector;
    }

    /** The families that were found, by id. */
    public List<Family> families() {
        return families;
    }

    /** Algorithm names, sorted. */
    public List<String> algorithms() {
        return List.copyOf(new TreeSet<>(samplers.keySet()));
    }

    /**
     * The sampler bound to {@code algorithm}.
     *
     * @throws IllegalArgumentException naming the known algorithms when there is none
     */
    public Sampler sampler(String algorithm) {
        Sampler s = samplers.get(algorithm);
        if (s == null) {
            throw new IllegalArgumentException("unknown algorithm '" + algorithm + "'; this build has " + String.join(", ", algorithms()));
        }
        return s;
    }

    /** Pruner names with one line on each, sorted by name. */
    public Map<String, String> pruners() {
        Map<String, String> out = new java.util.TreeMap<>();
        pruners.forEach((name, f) -> out.put(name, f.describe()));
        return out;
    }

    /**
     * The pruner {@code spec} names, with its options.
     *
     * @throws IllegalArgumentException naming the known pruners when there is none, or for a bad option
     */
    public Pruner pruner(PrunerSpec spec) {
        PrunerFactory f = pruners.get(spec.name());
        if (f == null) {
            throw new IllegalArgumentException("unknown pruner '" + spec.name() + "'; this build has " + String.join(", ", pruners().keySet()));
        }
        return f.create(new PrunerOptions(spec.name(), spec.options()));
    }

    /** The pruner written as {@code NAME[:KEY=VALUE,...]}. */
    public Pruner pruner(String spec) {
        return pruner(PrunerSpec.parse(spec));
    }

    /**
     * Opens the store at {@code url}.
     *
     * @throws IllegalArgumentException for a malformed URL
     * @throws StoreException when no backend serves the URL's scheme, or it cannot open it
     */
    public TrialStore openStore(String url) {
        StoreUrl u = StoreUrl.parse(url);
        TrialStoreFactory f = stores.get(u.scheme());
        if (f == null) {
            throw new StoreException("store '" + url + "': the " + u.scheme() + " backend is not in this build (available: "
                    + String.join(", ", new TreeSet<>(stores.keySet()).stream().map(s -> s + ":").toList()) + ")");
        }
        return f.open(u);
    }

    /**
     * An objective made by the factory bound to {@code name}.
     *
     * @throws IllegalArgumentException when there is no such factory or the options are wrong
     */
    public Objective objective(String name, Map<String, String> options) {
        ObjectiveFactory f = objectives.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown objective '" + name + "'; this build has "
                    + String.join(", ", new TreeSet<>(objectives.keySet())));
        }
        return f.create(options);
    }
}
