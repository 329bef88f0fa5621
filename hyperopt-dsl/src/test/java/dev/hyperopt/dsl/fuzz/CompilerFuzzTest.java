package dev.hyperopt.dsl.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.hyperopt.dsl.CompileResult;
import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ModuleLoader;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.ir.SearchSpace;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Any input yields either a search space or diagnostics that point into the file, never
 * another exception. Seeds are the valid and broken files under
 * {@code CompilerFuzzTestInputs}; {@code mvn verify} replays them and then fuzzes briefly
 * (see the module's pom); {@code JAZZER_FUZZ=1} with a longer {@code maxDuration} fuzzes for real.
 */
class CompilerFuzzTest {
    private static final HSpaceCompiler COMPILER = new HSpaceCompiler(resource -> Optional.empty());

    @FuzzTest(maxDuration = "20s")
    void compilesOrDiagnoses(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        CompileResult r = COMPILER.compile("fuzz.hspace", text);
        if (r.ok()) {
            SearchSpace s = r.space();
            if (s == null) throw new AssertionError("ok without a space");
            for (int i = 0; i < s.size(); i++) {
                if (s.hyperparameter(i).index() != i) throw new AssertionError("index out of order");
                for (var atom : s.condition(i).anyOf()) {
                    if (atom.choice() >= i) throw new AssertionError("condition on a later choice");
                }
            }
        } else {
            if (r.diagnostics().isEmpty()) throw new AssertionError("failed without a diagnostic");
            long lines = text.lines().count() + 1;
            for (Diagnostic d : r.diagnostics()) {
                if (d.line() < 1 || d.column() < 1 || d.line() > lines) throw new AssertionError("bad position: " + d.headline());
            }
        }
    }
}
