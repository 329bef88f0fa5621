package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.CommandOption;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.FamilyCommand;
import dev.hyperopt.engine.spi.Tuning;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import weka.classifiers.Classifier;
import weka.core.SerializationHelper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands families add: one option set for every tune command, family searches on workers, objectives by name. */
@Timeout(300)
class FamilyCommandsTest {
    /** The options every tune command takes, as the command-line contract lists them, and --import-root. */
    static final List<String> COMMON = List.of("--algo", "--max-evals", "--seed", "--parallel", "--timeout", "--trial-timeout",
            "--early-stop", "--loss-threshold", "--store", "--study", "--workers", "--json", "--report", "--quiet", "--pruner", "--enqueue",
            "--import-root");

    @Test
    void theSharedOptionsAreTheContractsAndReservedForFamilies() {
        List<String> declared = CommandSpec.forAnnotatedObject(new TuneOptions()).options().stream().map(OptionSpec::longestName).toList();
        assertThat(declared).containsExactlyElementsOf(COMMON);
        assertThat(Tuning.SHARED_OPTIONS).containsAll(COMMON).contains("--model");
    }

    @Test
    void aFamilyWhoseOptionsClashIsLeftOutAndTheOthersStay() {
        Family clashing = new Family() {
            @Override
            public String id() {
                return "clash";
            }

            @Override
            public com.google.inject.Module module() {
                return binder -> {};
            }

            @Override
            public List<FamilyCommand> commands() {
                CommandOption twice = CommandOption.value("--data", "FILE", "data");
                return List.of(new FamilyCommand() {
                    public String name() { return "run"; }
                    public String description() { return "runs"; }
                    public List<CommandOption> options() { return List.of(twice, twice); }
                    public int run(Arguments a, java.io.PrintWriter out, java.io.PrintWriter err) { return 0; }
                });
            }
        };
        CommandLine root = new CommandLine(new HyperoptCommand());
        java.io.StringWriter err = new java.io.StringWriter();
        root.setErr(new java.io.PrintWriter(err));
        FamilyCommands.addTo(root, List.of(clashing));
        assertThat(root.getSubcommands()).doesNotContainKey("clash").containsKey("tune");
        assertThat(err.toString()).startsWith("hyperopt: the commands of family 'clash' are left out: ").contains("--data");
    }

    @TempDir
    Path dir;

    @Test
    void everyTuneCommandListsTheWholeCommonOptionSet() {
        for (String[] command : new String[][]{{"tune"}, {"weka", "tune"}, {"dl4j", "tune"}, {"vision", "tune"}}) {
            String[] help = java.util.Arrays.copyOf(command, command.length + 1);
            help[command.length] = "--help";
            Cli c = Cli.run(help);
            assertThat(c.exit()).as(String.join(" ", help)).isZero();
            for (String option : COMMON) assertThat(c.out()).as(String.join(" ", help)).containsPattern("\\s" + option + "[=\\s]");
            // every family that refits a model saves it with --model
            if (command.length == 2) assertThat(c.out()).contains("--model=FILE");
        }
    }

    @Test
    void familyDefaultsShowInTheirHelp() {
        assertThat(help("weka")).contains("trials in the study at most (default: 100)").contains("(default: 5m)")
                .contains("where to save the refitted model (default: DATA-NAME.");
        assertThat(help("dl4j")).contains("trials in the study at most (default: 100)").contains("(default: median: n_warmup_steps=3)").contains("(default: dl4j-model.zip)")
                .contains("(default: none)").contains("60% of a file");
    }

    /** A family's tune help, its lines joined, so that wrapping does not matter. */
    private static String help(String family) {
        return Cli.run(family, "tune", "--help").out().replaceAll("\\s+", " ");
    }

    @Test
    void dl4jTuneTakesQuiet() throws Exception {
        Path json = dir.resolve("d.json");
        Cli c = Cli.run("dl4j", "tune", "--data", "rectangles", "--train-size", "100", "--valid-size", "50", "--test-size", "50",
                "--space", "mlp", "--max-seconds", "2", "--max-evals", "1", "--seed", "1", "--store", "memory:", "--quiet",
                "--model", dir.resolve("m.zip").toString(), "--json", json.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.err()).doesNotContain("trial 1/1");
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertThat(doc.get("test").get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.get("test").get("examples").asInt()).isEqualTo(50);
        assertThat(Files.exists(dir.resolve("m.zip"))).isTrue();
    }

    @Test
    void tuneRunsAFamilyObjectiveByName() throws Exception {
        Path space = dir.resolve("j48.hspace");
        Files.writeString(space, "import weka.classifiers.j48 as j48\nspace = {classifier: {j48: j48.space}}\n");
        Path json = dir.resolve("f.json");
        Cli c = Cli.run("tune", space.toString(), "--family", "weka", "--option", "data=iris", "--option", "folds=3",
                "--max-evals", "2", "--seed", "4", "--store", "memory:", "--json", json.toString());
        assertThat(c.exit()).as(c.err()).isZero();
        assertThat(c.out()).contains("trials:  2 (ok 2, fail 0)");
        Cli bad = Cli.run("tune", space.toString(), "--family", "nothing", "--store", "memory:");
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.err()).startsWith("hyperopt: unknown objective 'nothing'; this build has ").contains("weka");
        Cli both = Cli.run("tune", space.toString(), "--family", "weka", "--objective-cmd", "true");
        assertThat(both.exit()).isEqualTo(2);
    }

    @Test
    void wekaTuneRunsOnWorkersOverSqlite() throws Exception {
        wekaTuneRunsOnWorkers("sqlite:" + dir.resolve("w.db"));
    }

    @Test
    void wekaTuneRunsOnWorkersOverPostgres() throws Exception {
        wekaTuneRunsOnWorkers(TestStores.postgres());
    }

    /** A driver queues a Weka search in the store; a worker process makes the same objective from what the study records. */
    private void wekaTuneRunsOnWorkers(String store) throws Exception {
        String study = "weka-workers-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        Path model = dir.resolve("iris.model");
        Process worker = Jvm.start(dir, dir.resolve("worker.txt"), "worker", "--store", store, "--study", study);
        Process driver = Jvm.start(dir, dir.resolve("driver.txt"), "weka", "tune", "--data", "iris", "--space", "j48",
                "--folds", "3", "--workers", "--max-evals", "4", "--seed", "5", "--store", store, "--study", study,
                "--model", model.toString(), "--quiet");
        try {
            assertThat(driver.waitFor(240, TimeUnit.SECONDS)).as("the driver finishes").isTrue();
            String driverOut = Files.readString(dir.resolve("driver.txt"));
            assertThat(driver.exitValue()).as(driverOut).isZero();
            assertThat(driverOut).contains("trials:  4 (ok 4, fail 0)").contains("model:   " + model);
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).as("the worker ends with the run").isTrue();
            assertThat(Files.readString(dir.resolve("worker.txt"))).contains("worker: 4 trials of study " + study + " evaluated (ok 4, fail 0)");
            Classifier c = (Classifier) SerializationHelper.read(model.toString());
            assertThat(c.getClass().getName()).isEqualTo("weka.classifiers.trees.J48");
        } finally {
            driver.destroyForcibly();
            worker.destroyForcibly();
        }
    }
}
