package dev.hyperopt.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.inject.Engine;
import dev.hyperopt.engine.objective.CommandObjective;
import dev.hyperopt.engine.spi.Arguments;
import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.engine.spi.Search;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Map;

/**
 * How a study records its objective for {@code hyperopt worker}, and how a worker makes it
 * again: an external command ({@code objective_cmd}), an objective a family binds by name with
 * its options ({@code tune --family}), or a family's tune with its arguments and seed
 * ({@code hyperopt FAMILY tune --workers}).
 */
final class ObjectiveSettings {
    static final String COMMAND = "objective_cmd";
    static final String OBJECTIVE = "objective";
    static final String OBJECTIVE_OPTIONS = "objective_options";
    static final String TUNE = "family_tune";
    static final String TUNE_ARGUMENTS = "family_arguments";
    static final String SEED = "seed";

    private ObjectiveSettings() {}

    /** Whether the settings name an objective at all (a driver records them just after it creates the study). */
    static boolean recorded(Map<String, String> settings) {
        return settings.get(COMMAND) != null || settings.get(OBJECTIVE) != null || settings.get(TUNE) != null;
    }

    /**
     * The objective the settings describe, made on this machine. The family objectives read
     * their data from the paths the driver was given, so those must exist here too.
     */
    static Made make(Map<String, String> settings, Engine engine, PrintWriter err) {
        if (settings.get(COMMAND) != null) return new Made(command(settings.get(COMMAND), err), null);
        if (settings.get(OBJECTIVE) != null) {
            try {
                return new Made(engine.objective(settings.get(OBJECTIVE), map(settings.get(OBJECTIVE_OPTIONS))), null);
            } catch (IllegalArgumentException e) {
                throw new UserError(UserError.describe(e));
            }
        }
        String id = settings.get(TUNE);
        Family family = engine.families().stream().filter(f -> f.id().equals(id) && f.tuning().isPresent()).findFirst()
                .orElseThrow(() -> new UserError("the study's trials need the " + id + " family, which is not on this machine's class path"));
        try {
            Search search = family.tuning().orElseThrow().prepare(Arguments.of(map(settings.get(TUNE_ARGUMENTS))),
                    Long.parseLong(settings.getOrDefault(SEED, "0")), err);
            return new Made(search.objective(), search);
        } catch (RuntimeException e) {
            throw e instanceof UserError ? e : new UserError(UserError.describe(e));
        } catch (Exception e) {
            throw new UserError(UserError.describe(e));
        }
    }

    /** The external objective program, its standard error passed through a line at a time. */
    static CommandObjective command(String cmd, PrintWriter err) {
        if (cmd.isBlank()) throw new UserError("invalid value for --objective-cmd: the command is empty");
        return new CommandObjective(cmd, null, line -> TrialLines.print(err, line));
    }

    /** Closes an objective that holds resources (programs, child JVMs); a failure to close is not the user's problem. */
    static void close(Object objective) {
        if (objective instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                // nothing left to do: the run's outcome is already recorded
            }
        }
    }

    private static Map<String, String> map(String json) {
        if (json == null) return Map.of();
        try {
            return Json.MAPPER.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (IOException e) {
            throw new UserError("the study records unreadable objective options: " + e.getMessage());
        }
    }

    /** A worker's objective and what made it (a family's search), closed together when the worker is done. */
    record Made(Objective objective, AutoCloseable maker) implements AutoCloseable {
        @Override
        public void close() {
            ObjectiveSettings.close(objective);
            ObjectiveSettings.close(maker);
        }
    }
}
