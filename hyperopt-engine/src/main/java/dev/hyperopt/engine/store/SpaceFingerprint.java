package dev.hyperopt.engine.store;

import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Hyperparameter;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.NodeVisitor;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Unary;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A short hash of everything that makes stored trials meaningful for a space: each
 * hyperparameter's label, prior and condition, and the shape of the configuration. Two
 * spaces with the same fingerprint accept the same stored assignments and give them the
 * same configurations, so a study may only be resumed with a space of its fingerprint.
 * Comments, formatting and {@code let} names that do not change labels do not count.
 */
public final class SpaceFingerprint {
    private SpaceFingerprint() {}

    /** {@code sha256:} and the first 16 bytes of the SHA-256 of the canonical description, in hex. */
    public static String of(SearchSpace space) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] h = md.digest(describe(space).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The canonical text that is hashed: one line per hyperparameter, then the graph. */
    static String describe(SearchSpace space) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < space.size(); i++) {
            Hyperparameter h = space.hyperparameter(i);
            sb.append(i).append(' ').append(h.label()).append(' ');
            if (h instanceof Param p) {
                sb.append(p.distribution());
            } else {
                Choice c = (Choice) h;
                sb.append(c.kind()).append(c.names()).append(c.weights());
            }
            sb.append(" if ").append(space.condition(i).anyOf()).append('\n');
        }
        sb.append(space.root().accept(new Shape()));
        return sb.toString();
    }

    private static final class Shape implements NodeVisitor<String> {
        public String visitLiteral(Literal n) {
            Object v = n.value();
            return v instanceof String s ? '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"' : String.valueOf(v)
                    + (v == null ? "" : ":" + v.getClass().getSimpleName());
        }

        public String visitParam(Param n) { return "$" + n.index(); }

        public String visitChoice(Choice n) {
            StringBuilder sb = new StringBuilder("#").append(n.index()).append('(');
            for (Node o : n.options()) sb.append(o.accept(this)).append(',');
            return sb.append(')').toString();
        }

        public String visitDict(DictNode n) {
            StringBuilder sb = new StringBuilder("{");
            for (DictNode.Entry e : n.entries()) sb.append('"').append(e.key()).append("\":").append(e.value().accept(this)).append(',');
            return sb.append('}').toString();
        }

        public String visitList(ListNode n) {
            StringBuilder sb = new StringBuilder("[");
            for (Node i : n.items()) sb.append(i.accept(this)).append(',');
            return sb.append(']').toString();
        }

        public String visitUnary(Unary n) { return "-(" + n.operand().accept(this) + ")"; }

        public String visitBinary(Binary n) {
            return "(" + n.left().accept(this) + " " + n.op().symbol() + " " + n.right().accept(this) + ")";
        }

        public String visitCall(Call n) {
            StringBuilder sb = new StringBuilder(n.function().name()).append('(');
            for (Node a : n.args()) sb.append(a.accept(this)).append(',');
            return sb.append(')').toString();
        }

        public String visitNamed(Named n) { return n.body().accept(this); }
    }
}
