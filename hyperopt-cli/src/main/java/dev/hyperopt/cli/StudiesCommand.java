package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code hyperopt studies --store URL}: the studies of a store with their trial counts and best loss. */
@Command(name = "studies", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = "List the studies of a store: trials (ok, fail, pruned, running), best loss, algorithm, seed, creation time.")
final class StudiesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "the store: sqlite:PATH or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--json", description = "one JSON object a study, one a line")
    boolean json;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (TrialStore s = TuneCommand.openExisting(Engine.standard(), store)) {
            for (StudyInfo info : s.studies()) rows.add(row(info, s.trials(info.name())));
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
        if (json) {
            for (Map<String, Object> r : rows) out.println(Json.MAPPER.writeValueAsString(r));
        } else if (rows.isEmpty()) {
            out.println("no studies in " + store);
        } else {
            List<String[]> table = new ArrayList<>();
            table.add(new String[] {"STUDY", "TRIALS", "OK", "FAIL", "PRUNED", "RUNNING", "BEST", "ALGO", "SEED", "CREATED"});
            for (Map<String, Object> r : rows) {
                table.add(new String[] {(String) r.get("study"), str(r.get("trials")), str(r.get("ok")), str(r.get("fail")),
                        str(r.get("pruned")), str(r.get("running")), r.get("best_loss") == null ? "-" : Num.format((Double) r.get("best_loss")),
                        (String) r.get("algo"), str(r.get("seed")), (String) r.get("created")});
            }
            Tables.print(out, table);
        }
        out.flush();
        return 0;
    }

    private static String str(Object o) {
        return String.valueOf(o);
    }

    private static Map<String, Object> row(StudyInfo info, List<Trial> trials) {
        int ok = 0;
        int fail = 0;
        int pruned = 0;
        int running = 0;
        for (Trial t : trials) {
            switch (t.state()) {
                case OK -> ok++;
                case FAIL -> fail++;
                case PRUNED -> pruned++;
                case RUNNING -> running++;
            }
        }
        Optional<Trial> best = TrialsCommand.best(trials);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("study", info.name());
        m.put("trials", trials.size());
        m.put("ok", ok);
        m.put("fail", fail);
        m.put("pruned", pruned);
        m.put("running", running);
        m.put("best_trial", best.map(Trial::number).orElse(null));
        m.put("best_loss", best.map(Trial::loss).orElse(null));
        m.put("algo", info.algorithm());
        m.put("seed", info.seed());
        m.put("created", ResultDocument.time(info.created()));
        return m;
    }
}
