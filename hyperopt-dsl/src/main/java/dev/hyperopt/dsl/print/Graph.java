package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.Unary;

import java.util.ArrayList;
import java.util.List;

/** The children of a node in order, as the printer and the exporter both walk them. */
final class Graph {
    private Graph() {}

    static List<Node> children(Node node) {
        return node.accept(new NodeVisitor<List<Node>>() {
            public List<Node> visitLiteral(Literal n) { return List.of(); }
            public List<Node> visitParam(Param n) { return List.of(); }
            public List<Node> visitChoice(Choice n) { return n.options(); }

            public List<Node> visitDict(DictNode n) {
                List<Node> out = new ArrayList<>(n.entries().size());
                for (DictNode.Entry e : n.entries()) out.add(e.value());
                return out;
            }

            public List<Node> visitList(ListNode n) { return n.items(); }
            public List<Node> visitUnary(Unary n) { return List.of(n.operand()); }
            public List<Node> visitBinary(Binary n) { return List.of(n.left(), n.right()); }
            public List<Node> visitCall(Call n) { return n.args(); }
            public List<Node> visitNamed(Named n) { return List.of(n.body()); }
        });
    }
}
