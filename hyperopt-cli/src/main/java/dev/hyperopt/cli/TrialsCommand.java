package dev.hyperopt.cli;

import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code hyperopt trials --store URL --study NAME [--csv|--json]}: the trials of a study,
 * as a table, as CSV (one column per label) or as the result document of {@code tune --json}.
 */
@Command(name = "trials", mixinStandardHelpOptions = true, sortOptions = false, versionProvider = VersionProvider.class,
        description = {"Print the trials of a study: a table, CSV (--csv: one column per hyperparameter label) or "
                + "the result document of 'tune --json' (--json)."})
final class TrialsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL", defaultValue = "sqlite:hyperopt.db",
            description = "the store: sqlite:PATH or postgresql://[user@]host[:port]/db (default: ${DEFAULT-VALUE})")
    String store;

    @Option(names = "--study", required = true, paramLabel = "NAME", description = "the study")
    String study;

    @ArgGroup(exclusive = true)
    Format format = new Format();

    static final class Format {
        @Option(names = "--csv", description = "comma-separated values with a header line")
        boolean csv;

        @Option(names = "--json", description = "the result document, as 'tune --json' writes it")
        boolean json;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        StudyInfo info;
        List<Trial> trials;
        try (TrialStore s = TuneCommand.openExisting(Engine.standard(), store)) {
            Optional<StudyInfo> found = s.study(study);
            if (found.isEmpty()) {
                List<String> names = s.studies().stream().map(StudyInfo::name).toList();
                throw new UserError("no study named '" + study + "' in " + store
                        + (names.isEmpty() ? " (it has none)" : " (it has: " + String.join(", ", names) + ")"));
            }
            info = found.get();
            trials = s.trials(study);
        } catch (StoreException e) {
            throw new UserError(UserError.describe(e));
        }
        if (format.json) {
            out.println(Json.PRETTY.writeValueAsString(ResultDocument.of(info.name(), info.algorithm(), info.seed(), trials, best(trials))));
        } else if (format.csv) {
            csv(out, trials);
        } else {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"TRIAL", "STATUS", "LOSS", "STARTED", "FINISHED", "LABELS / ERROR"});
            for (Trial t : trials) {
                rows.add(new String[] {Long.toString(t.number()), t.state().id(), t.isOk() ? Num.format(t.loss()) : "-",
                        ResultDocument.time(t.started()), t.finished() == null ? "-" : ResultDocument.time(t.finished()),
                        ResultDocument.compact(t.labels()) + (t.error() == null ? "" : "  " + t.error())});
            }
            Tables.print(out, rows);
        }
        out.flush();
        return 0;
    }

    /** The ok trial with the lowest loss, the earliest on a tie. */
    static Optional<Trial> best(List<Trial> trials) {
        return trials.stream().filter(Trial::isOk).min(Comparator.comparingDouble(Trial::loss).thenComparingLong(Trial::number));
    }

    private static void csv(PrintWriter out, List<Trial> trials) {
        Set<String> labels = new LinkedHashSet<>();
        for (Trial t : trials) labels.addAll(t.labels().keySet());
        List<String> header = new ArrayList<>(List.of("trial", "status", "loss", "started", "finished", "error"));
        header.addAll(labels);
        out.println(line(header));
        for (Trial t : trials) {
            List<String> cells = new ArrayList<>();
            cells.add(Long.toString(t.number()));
            cells.add(t.state().id());
            cells.add(t.isOk() ? Double.toString(t.loss()) : "");
            cells.add(ResultDocument.time(t.started()));
            cells.add(t.finished() == null ? "" : ResultDocument.time(t.finished()));
            cells.add(t.error() == null ? "" : t.error());
            Map<String, Object> l = t.labels();
            for (String label : labels) cells.add(l.containsKey(label) ? String.valueOf(l.get(label)) : "");
            out.println(line(cells));
        }
    }

    private static String line(List<String> cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) sb.append(',');
            String c = cells.get(i);
            if (c.indexOf(',') >= 0 || c.indexOf('"') >= 0 || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                sb.append('"').append(c.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
