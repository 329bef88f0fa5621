package dev.hyperopt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.AbstractModule;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.inject.EngineModule;
import dev.hyperopt.engine.run.Hyperopt;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.TrialStore;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.weka.WekaSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code hyperopt report} against a store made here: an engine with one more store scheme,
 * {@code kept:}, that always opens the same in-memory store, so that a study run in the test
 * is there for the command to read. Whatever backends the build has are reached the same way.
 */
@Timeout(120)
class ReportCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DATA = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);
    private static final String SPACE = "space = {\n  lr: loguniform(1e-4, 1.0),\n  act: choice(\"relu\", \"tanh\"),\n}\n";

    @TempDir
    Path dir;

    private final MemoryTrialStore kept = new MemoryTrialStore();

    /** The shared store behind a view whose close() leaves it open for the next command; every other call goes through. */
    private TrialStore view() {
        return (TrialStore) Proxy.newProxyInstance(TrialStore.class.getClassLoader(), new Class<?>[] {TrialStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) return null;
                    try {
                        return method.invoke(kept, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private final Engine engine = Engine.create(new AbstractModule() {
        @Override
        protected void configure() {
            EngineModule.stores(binder()).addBinding("kept").toInstance(url -> view());
        }
    });

    private record Run(int exit, String out, String err) {}

    private Run report(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine(new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == ReportCommand.class) return cls.cast(new ReportCommand(() -> engine));
                return CommandLine.defaultFactory().create(cls);
            }
        });
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        String[] all = new String[args.length + 1];
        all[0] = "report";
        System.arraycopy(args, 0, all, 1, args.length);
        int rc = Main.run(cl, all);
        return new Run(rc, o.toString(), e.toString());
    }

    private SearchSpace space() {
        return new HSpaceCompiler().compile("s.hspace", SPACE).orThrow();
    }

    private void study(String name, int trials) {
        Objective objective = ctx -> ctx.trial() == 2 ? Outcome.fail("diverged") : Outcome.ok(Math.abs(Math.log10(ctx.config().getDouble("lr")) + 2));
        Hyperopt.minimize(space(), objective).engine(engine).algorithm("rand").maxEvals(trials).seed(3).store(view()).study(name).run();
    }

    private static JsonNode data(Path html) throws Exception {
        Matcher m = DATA.matcher(Files.readString(html));
        assertThat(m.find()).isTrue();
        return JSON.readTree(m.group(1));
    }

    @Test
    void aStudyInAStoreBecomesAPage() throws Exception {
        study("first", 15);
        Path spaceFile = Files.writeString(dir.resolve("s.hspace"), SPACE);
        Path out = dir.resolve("out/first.html");
        Run r = report("--store", "kept:", "--study", "first", "--out", out.toString(), "--space", spaceFile.toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEqualTo("report: " + out + " (study first, 15 trials)\n");
        JsonNode d = data(out);
        assertThat(d.get("study").asText()).isEqualTo("first");
        assertThat(d.get("algorithm").asText()).isEqualTo("rand");
        assertThat(d.get("number")).hasSize(15);
        assertThat(d.get("error").get(2).asText()).isEqualTo("diverged");
        assertThat(d.get("params").get(0).get("log").asBoolean()).isTrue();
        assertThat(d.get("params").get(1).get("categories").toString()).isEqualTo("[\"relu\",\"tanh\"]");
    }

    @Test
    void theOnlyStudyNeedsNoNameAndNoSpace() throws Exception {
        study("only", 6);
        Path out = dir.resolve("only.html");
        Run r = report("--store", "kept:", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = data(out);
        assertThat(d.get("study").asText()).isEqualTo("only");
        assertThat(d.get("spaceGiven").asBoolean()).isFalse();
    }

    @Test
    void anSqliteStoreGivesTheReportItsRecordedSpace() throws Exception {
        String url = "sqlite:" + dir.resolve("studies.db");
        Objective objective = ctx -> Outcome.ok(Math.abs(Math.log10(ctx.config().getDouble("lr")) + 2));
        try (TrialStore store = engine.openStore(url)) {
            Hyperopt.minimize(space(), objective).engine(engine).algorithm("rand").maxEvals(5).seed(3).store(store).study("s").run();
        }
        Path out = dir.resolve("s.html");
        Run r = report("--store", url, "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode d = data(out);
        assertThat(d.get("spaceGiven").asBoolean()).isTrue();
        assertThat(d.get("params").get(0).get("log").asBoolean()).isTrue();
        assertThat(d.get("params").get(1).get("categories").toString()).isEqualTo("[\"relu\",\"tanh\"]");
    }

    @Test
    void aWekaStudyGetsItsRecordedSpaceBack() throws Exception {
        // The shipped space whose imported named choices the recorded text once renamed.
        SearchSpace weka = WekaSpaces.load("classification");
        String url = "sqlite:" + dir.resolve("weka.db");
        Objective objective = ctx -> Outcome.ok(ctx.trial() * 0.1);
        try (TrialStore store = engine.openStore(url)) {
            Hyperopt.minimize(weka, objective).engine(engine).algorithm("rand").maxEvals(4).seed(5).store(store).study("weka").run();
        }
        Path out = dir.resolve("weka.html");
        Run r = report("--store", url, "--study", "weka", "--out", out.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode d = data(out);
        assertThat(d.get("spaceGiven").asBoolean()).isTrue();
        assertThat(d.get("number")).hasSize(4);
    }

    @Test
    void aRecordedSpaceOfAnotherFingerprintIsSaidInOneLine() throws Exception {
        Path db = dir.resolve("old.db");
        String url = "sqlite:" + db;
        Objective objective = ctx -> Outcome.ok(Math.abs(Math.log10(ctx.config().getDouble("lr")) + 2));
        try (TrialStore store = engine.openStore(url)) {
            Hyperopt.minimize(space(), objective).engine(engine).algorithm("rand").maxEvals(3).seed(3).store(store).study("s").run();
        }
        // As a store written by a printer that renamed a label would hold it.
        try (Connection c = DriverManager.getConnection("jdbc:" + url);
             Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE studies SET space = 'space = { rate: loguniform(1e-4, 1), act: choice(\"relu\", \"tanh\") }'");
        }
        Path out = dir.resolve("old.html");
        Run r = report("--store", url, "--out", out.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).matches("hyperopt: the space recorded for study 's' compiles to fingerprint sha256:\\p{XDigit}+, "
                + "not the study's sha256:\\p{XDigit}+; the report goes without it \\(give the study's file with --space\\)\n");
        assertThat(data(out).get("spaceGiven").asBoolean()).isFalse();
    }

    @Test
    void mistakesAreOneLineUserErrors() throws Exception {
        study("a", 3);
        study("b", 3);
        Path out = dir.resolve("x.html");
        Run two = report("--store", "kept:", "--out", out.toString());
        assertThat(two.exit()).isEqualTo(1);
        assertThat(two.err()).isEqualTo("hyperopt: the store kept: holds 2 studies; choose one with --study (it holds: a, b)\n");
        Run missing = report("--store", "kept:", "--study", "c", "--out", out.toString());
        assertThat(missing.err()).isEqualTo("hyperopt: no study 'c' in kept: (it holds: a, b)\n");
        Path other = Files.writeString(dir.resolve("other.hspace"), "space = { lr: uniform(0, 1) }\n");
        Run wrongSpace = report("--store", "kept:", "--study", "a", "--out", out.toString(), "--space", other.toString());
        assertThat(wrongSpace.exit()).isEqualTo(1);
        assertThat(wrongSpace.err()).startsWith("hyperopt: " + other + " is not the space study 'a' was run with");
        Run noBackend = report("--store", "nosuch:x", "--out", out.toString());
        assertThat(noBackend.exit()).isEqualTo(1);
        assertThat(noBackend.err()).startsWith("hyperopt: store 'nosuch:x': the nosuch backend is not in this build");
        assertThat(Files.exists(out)).isFalse();
        Run noFile = report("--store", "sqlite:" + dir.resolve("missing.db"), "--out", out.toString());
        assertThat(noFile.err()).isEqualTo("hyperopt: no such store file: " + dir.resolve("missing.db") + "\n");
        assertThat(Files.exists(dir.resolve("missing.db"))).isFalse();
        Run noOut = report("--store", "kept:");
        assertThat(noOut.exit()).isEqualTo(2);
    }

    @Test
    void tuneWritesTheReportAtTheEndOfTheRun() throws Exception {
        TuneCommandTestSupport.require("python3");
        Path spaceFile = Files.writeString(dir.resolve("s.hspace"), SPACE);
        Path out = dir.resolve("tuned.html");
        Cli r = Cli.run("tune", spaceFile.toString(), "--objective-cmd", TuneCommandTest.plan("ok,ok,fail"), "--algo", "rand",
                "--max-evals", "12", "--seed", "2", "--store", "memory:", "--report", out.toString(), "--quiet");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("report:  " + out + "\n");
        JsonNode d = data(out);
        assertThat(d.get("study").asText()).isEqualTo("s");
        assertThat(d.get("number")).hasSize(12);
        assertThat(d.get("state").get(2).asText()).isEqualTo("fail");
        assertThat(d.get("spaceGiven").asBoolean()).isTrue();
        assertThat(d.get("importance").get("values")).hasSize(2);
    }
}
