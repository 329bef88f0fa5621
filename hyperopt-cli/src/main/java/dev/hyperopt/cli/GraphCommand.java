package dev.hyperopt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.print.GraphExporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code hyperopt graph FILE [--json]}: the space's graph, for Graphviz or for programs. */
@Command(name = "graph", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the graph of a search space: Graphviz DOT (draw it with `dot -Tsvg`), or with --json "
                + "its hyperparameters (label, prior, condition) and nodes and edges as JSON."})
final class GraphCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ImportRoots importRoots;

    @Parameters(index = "0", paramLabel = "FILE", description = "the .hspace file")
    Path file;

    @Option(names = "--json", description = "print JSON instead of DOT")
    boolean json;

    @Override
    public Integer call() throws JsonProcessingException {
        SearchSpace space = SpaceFiles.load(file, importRoots, spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.PRETTY.writeValueAsString(GraphExporter.tree(space)));
        } else {
            out.print(GraphExporter.dot(space));
        }
        out.flush();
        return 0;
    }
}
