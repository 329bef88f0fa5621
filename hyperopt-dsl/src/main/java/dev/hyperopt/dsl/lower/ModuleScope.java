package dev.hyperopt.dsl.lower;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.ast.Statement;
import dev.hyperopt.dsl.ir.Node;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names one file defines: its lets (lowered on first use, so their order in the file
 * does not matter), its import aliases, and its space. {@code prefix} qualifies the names
 * of its lets when they become labels ({@code m.lr} for a file imported as {@code m}).
 */
final class ModuleScope {
    final AstFile file;
    final String prefix;
    final Map<String, Statement.Let> lets = new LinkedHashMap<>();
    final Map<String, ModuleScope> imports = new HashMap<>();
    final Map<String, Lowered> loweredLets = new HashMap<>();
    final java.util.Set<String> lowering = new java.util.HashSet<>();
    Statement.SpaceDecl spaceDecl;
    Lowered space;

    ModuleScope(AstFile file, String prefix) {
        this.file = file;
        this.prefix = prefix;
        for (Statement s : file.statements()) {
            if (s instanceof Statement.Let l) lets.putIfAbsent(l.name(), l);
            else if (s instanceof Statement.SpaceDecl d && spaceDecl == null) spaceDecl = d;
        }
    }

    String qualify(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    /** A lowered expression: its IR node, or a broken one that later checks skip. */
    record Lowered(Node node, boolean broken) {
        static Lowered of(Node node) {
            return new Lowered(node, false);
        }

        static Lowered failure() {
            return new Lowered(new dev.hyperopt.dsl.ir.Literal(null), true);
        }
    }
}
