package dev.hyperopt.engine.objective;

import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.spi.ObjectiveFactory;

import java.nio.file.Path;
import java.util.Map;

/** {@code command}: a {@link CommandObjective} for option {@code cmd}, run in option {@code dir} if given. */
public final class CommandObjectiveFactory implements ObjectiveFactory {
    @Override
    public Objective create(Map<String, String> options) {
        String cmd = options.get("cmd");
        if (cmd == null || cmd.isBlank()) throw new IllegalArgumentException("the command objective needs option 'cmd'");
        String dir = options.get("dir");
        return new CommandObjective(cmd, dir == null ? null : Path.of(dir), null);
    }
}
