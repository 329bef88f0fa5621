package dev.hyperopt.testing;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.sample.SamplingContext;
import dev.hyperopt.engine.sample.random.RandomSampler;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import dev.hyperopt.dsl.print.HSpacePrinter;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.engine.spi.Tuning;
import dev.hyperopt.engine.store.SpaceFingerprint;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link Family} must do: the engine finds it on the class path, every space it
 * ships compiles, and prints (as {@code fmt} does and a study records it) to text that
 * compiles to the same space; its objective, made by its factory, finishes trials drawn from
 * the prior of its space ok with a finite loss or failed with a reason, and never throws; its
 * commands declare options the command line can add beside its own. A family's test extends
 * this class and names the family, its objective and the space that objective tunes.
 */
public abstract class FamilyContract {

    /** The family under test. */
    protected abstract Family family();

    /** The name its module binds its objective factory to. */
    protected abstract String objectiveName();

    /** The shipped space the objective tunes. */
    protected abstract String objectiveSpace();

    /** The options the objective is made with: small and quick ones suit a test. */
    protected Map<String, String> objectiveOptions() {
        return Map.of();
    }

    /** How many prior samples the objective evaluates. */
    protected int trials() {
        return 5;
    }

    @Test
    public void theEngineFindsTheFamilyOnTheClassPath() {
        assertThat(Engine.create().families()).extracting(Family::id).contains(family().id());
    }

    @Test
    public void everyShippedSpaceCompiles() {
        assertThat(family().spaces()).as("shipped spaces").isNotEmpty();
        for (String name : family().spaces().keySet()) {
            CompileResult r = new HSpaceCompiler().compile(name, family().spaceText(name));
            assertThat(r.ok()).as("space %s compiles: %s", name, r.diagnostics()).isTrue();
        }
    }

    @Test
    public void everyShippedSpacePrintsToTextThatCompilesToTheSameSpace() {
        for (String name : family().spaces().keySet()) {
            SearchSpace shipped = new HSpaceCompiler().compile("classpath:" + family().spaces().get(name), family().spaceText(name)).orThrow();
            String text = HSpacePrinter.print(shipped);
            CompileResult back = new HSpaceCompiler().compile(name + " printed", text);
            assertThat(back.ok()).as("%s printed compiles: %s", name, back.diagnostics()).isTrue();
            assertThat(back.space().labels()).as("%s: labels", name).isEqualTo(shipped.labels());
            assertThat(SpaceFingerprint.of(back.space())).as("%s: fingerprint", name).isEqualTo(SpaceFingerprint.of(shipped));
        }
    }

    @Test
    public void itsCommandsDeclareOptionsTheCommandLineCanAdd() {
        family().tuning().ifPresent(t -> {
            assertThat(t.description()).as("tune description").isNotBlank();
            assertThat(t.defaults().maxEvals()).as("default --max-evals").isPositive();
            assertThatCode(() -> Engine.standard().pruner(t.defaults().pruner())).as("default --pruner %s", t.defaults().pruner())
                    .doesNotThrowAnyException();
            assertOptions("tune", t.options(), Tuning.SHARED_OPTIONS);
        });
        Set<String> names = new HashSet<>();
        for (FamilyCommand c : family().commands()) {
            assertThat(names.add(c.name())).as("command %s is declared once", c.name()).isTrue();
            assertThat(c.name()).as("command name").isNotEqualTo("tune").matches("[a-z][a-z0-9-]*");
            assertOptions(c.name(), c.options(), Set.of("--help", "--version", "-h", "-V"));
        }
    }

    private static void assertOptions(String command, List<CommandOption> options, Set<String> reserved) {
        Set<String> seen = new HashSet<>();
        for (CommandOption o : options) {
            assertThat(seen.add(o.name())).as("%s: option %s is declared once", command, o.name()).isTrue();
            assertThat(reserved).as("%s: option %s is one the command line gives every command", command, o.name()).doesNotContain(o.name());
            assertThat(o.description()).as("%s: %s has a description", command, o.name()).isNotBlank();
        }
        assertThat(options.stream().filter(o -> o.kind() == CommandOption.Kind.ARGUMENTS).count())
                .as("%s: positional arguments are declared at most once", command).isLessThanOrEqualTo(1);
    }

    @Test
    public void itsObjectiveFinishesPriorSamplesOkOrWithAReason() throws Exception {
        SearchSpace space = new HSpaceCompiler().compile(objectiveSpace(), family().spaceText(objectiveSpace())).orThrow();
        Objective objective = Engine.create().objective(objectiveName(), objectiveOptions());
        try {
            RandomSampler prior = new RandomSampler();
            for (int t = 0; t < trials(); t++) {
                Assignment a = prior.suggest(new SamplingContext(space, List.of(), 1, t));
                Config config = Config.of(SpaceEvaluator.evaluate(a));
                Outcome o = objective.evaluate(TrialContext.of(t, config, a.labels()));
                assertThat(o).as("trial %d of %s", t, a.labels()).isNotNull();
                if (o.ok()) assertThat(o.loss()).as("loss of trial %d", t).isFinite();
                else assertThat(o.error()).as("reason of failed trial %d", t).isNotBlank();
            }
        } finally {
            if (objective instanceof AutoCloseable c) c.close();
        }
    }
}
