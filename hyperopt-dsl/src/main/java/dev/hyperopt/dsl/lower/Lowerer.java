package dev.hyperopt.dsl.lower;

import dev.hyperopt.dsl.ast.Expr;
import dev.hyperopt.dsl.ast.Statement;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.ir.Arithmetic;
import dev.hyperopt.dsl.ir.Binary;
import dev.hyperopt.dsl.ir.Call;
import dev.hyperopt.dsl.ir.Choice;
import dev.hyperopt.dsl.ir.DictNode;
import dev.hyperopt.dsl.ir.Dist;
import dev.hyperopt.dsl.ir.Distribution;
import dev.hyperopt.dsl.ir.ExpressionException;
import dev.hyperopt.dsl.ir.Function;
import dev.hyperopt.dsl.ir.ListNode;
import dev.hyperopt.dsl.ir.Literal;
import dev.hyperopt.dsl.ir.Named;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.Num;
import dev.hyperopt.dsl.ir.Param;
import dev.hyperopt.dsl.ir.Type;
import dev.hyperopt.dsl.ir.Unary;
import dev.hyperopt.dsl.lower.ModuleScope.Lowered;
import dev.hyperopt.dsl.source.SourceSpan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Lowers the expressions of one file to IR: resolves names, checks types and arguments,
 * folds constant expressions into literals, and records where each hyperparameter came
 * from. A problem is reported and the expression becomes "broken", so one mistake does
 * not cascade into more diagnostics.
 */
final class Lowerer implements Expr.Visitor<Lowered> {
    private static final double PROBABILITY_TOLERANCE = 1e-9;
    private static final Set<String> CHOICES = Set.of("choice", "pchoice");

    private final ModuleScope scope;
    private final Consumer<Diagnostic> report;
    private final Map<Node, SourceSpan> origins;

    Lowerer(ModuleScope scope, Consumer<Diagnostic> report, Map<Node, SourceSpan> origins) {
        this.scope = scope;
        this.report = report;
        this.origins = origins;
    }

    Lowered lower(Expr e) {
        return e.accept(this);
    }

    /** The value of a let, lowered once and shared by every use. */
    Lowered let(Statement.Let let) {
        Lowered done = scope.loweredLets.get(let.name());
        if (done != null) return done;
        if (!scope.lowering.add(let.name())) {
            error(DiagnosticCode.DUPLICATE_DEFINITION, let.nameSpan(), "'" + let.name() + "' is defined in terms of itself");
            return Lowered.failure();
        }
        Lowered body = lower(let.value());
        scope.lowering.remove(let.name());
        Lowered out = body.broken() || body.node() instanceof Literal ? body
                : Lowered.of(new Named(scope.qualify(let.name()), body.node()));
        scope.loweredLets.put(let.name(), out);
        return out;
    }

    private Lowered error(DiagnosticCode code, SourceSpan at, String message) {
        report.accept(Diagnostic.error(code, at, message));
        return Lowered.failure();
    }

    @Override
    public Lowered visitNumber(Expr.NumberLit e) {
        if (e.value() == null) return error(DiagnosticCode.NUMBER_RANGE, e.span(), "number " + e.text() + " is out of range");
        return Lowered.of(new Literal(e.value()));
    }

    @Override
    public Lowered visitString(Expr.StringLit e) { return Lowered.of(Literal.of(e.value())); }

    @Override
    public Lowered visitBool(Expr.BoolLit e) { return Lowered.of(Literal.of(e.value())); }

    @Override
    public Lowered visitNull(Expr.NullLit e) { return Lowered.of(Literal.ofNull()); }

    @Override
    public Lowered visitNamedChoice(Expr.NamedChoice e) {
        if (e.branches().isEmpty()) return error(DiagnosticCode.EMPTY_CHOICE, e.span(), "choice needs at least one branch");
        boolean[] ok = {true};
        String label = labelArgument("choice { ... }", e.keywords(), Set.of("label"), new LinkedHashMap<>(), ok);
        SourceSpan firstKeyword = e.keywords().isEmpty() ? null : e.keywords().get(0).span();
        List<String> names = new ArrayList<>();
        List<Node> options = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Expr.Entry b : e.branches()) {
            if (firstKeyword != null && after(b.keySpan(), firstKeyword)) {
                ok[0] = fail(DiagnosticCode.SYNTAX, b.keySpan(), "a branch cannot follow a keyword argument");
            }
            Lowered v = lower(b.value());
            if (v.broken()) ok[0] = false;
            if (!seen.add(b.key())) continue; // reported by DuplicateBranches
            names.add(b.key());
            options.add(v.node());
        }
        if (!ok[0]) return Lowered.failure();
        return hyperparameter(Choice.named(label, names, options), e.span());
    }

    private static boolean after(SourceSpan a, SourceSpan b) {
        return a.line() > b.line() || a.line() == b.line() && a.column() > b.column();
    }

    private Lowered hyperparameter(Node node, SourceSpan span) {
        origins.put(node, span);
        return Lowered.of(node);
    }

    @Override
    public Lowered visitReference(Expr.Reference e) {
        List<String> parts = e.parts();
        String first = parts.get(0);
        Statement.Let let = scope.lets.get(first);
        if (let != null) {
            if (parts.size() > 1) {
                return error(DiagnosticCode.UNDEFINED_NAME, e.span(), "'" + first + "' is a value, not an imported file; '"
                        + e.text() + "' is undefined");
            }
            return let(let);
        }
        ModuleScope module = scope.imports.get(first);
        if (scope.imports.containsKey(first)) {
            if (module == null) return Lowered.failure(); // the import itself failed and was reported
            if (parts.size() != 2) {
                return error(DiagnosticCode.UNDEFINED_NAME, e.span(), parts.size() == 1
                        ? "'" + first + "' is an imported file; use '" + first + ".space' or '" + first + ".NAME'"
                        : "'" + e.text() + "' is undefined: imported names have one part after the alias");
            }
            return member(module, first, parts.get(1), e.span());
        }
        if (first.equals("space")) {
            return error(DiagnosticCode.UNDEFINED_NAME, e.span(), "a file cannot refer to its own 'space'");
        }
        Set<String> known = new TreeSet<>(scope.lets.keySet());
        known.addAll(scope.imports.keySet());
        return error(DiagnosticCode.UNDEFINED_NAME, e.span(), "undefined name '" + first + "'" + Suggestions.didYouMean(first, known));
    }

    private Lowered member(ModuleScope module, String alias, String name, SourceSpan at) {
        if (name.equals("space")) {
            if (module.space == null) {
                return error(DiagnosticCode.NOT_A_MEMBER, at, "'" + alias + "' defines no 'space'");
            }
            return module.space;
        }
        Statement.Let let = module.lets.get(name);
        if (let == null) {
            Set<String> known = new TreeSet<>(module.lets.keySet());
            known.add("space");
            return error(DiagnosticCode.NOT_A_MEMBER, at, "'" + alias + "' defines no '" + name + "'" + Suggestions.didYouMean(name, known));
        }
        return module.loweredLets.getOrDefault(name, Lowered.failure());
    }

    @Override
    public Lowered visitDict(Expr.DictExpr e) {
        List<DictNode.Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean broken = false;
        for (Expr.Entry en : e.entries()) {
            Lowered v = lower(en.value());
            broken |= v.broken();
            if (seen.add(en.key())) entries.add(new DictNode.Entry(en.key(), v.node()));
        }
        return broken ? Lowered.failure() : Lowered.of(new DictNode(entries));
    }

    @Override
    public Lowered visitList(Expr.ListExpr e) {
        List<Node> items = new ArrayList<>();
        boolean broken = false;
        for (Expr i : e.items()) {
            Lowered v = lower(i);
            broken |= v.broken();
            items.add(v.node());
        }
        return broken ? Lowered.failure() : Lowered.of(new ListNode(items));
    }

    @Override
    public Lowered visitNegate(Expr.Negate e) {
        Lowered v = lower(e.operand());
        if (v.broken()) return v;
        if (!numeric(v, e.operand().span(), "operand of unary '-'")) return Lowered.failure();
        if (v.node() instanceof Literal l) return fold(e.span(), () -> Arithmetic.negate(l.value()));
        return Lowered.of(new Unary(v.node()));
    }

    @Override
    public Lowered visitBinary(Expr.BinaryExpr e) {
        Lowered l = lower(e.left());
        Lowered r = lower(e.right());
        if (l.broken() || r.broken()) return Lowered.failure();
        boolean ok = numeric(l, e.left().span(), "left operand of '" + e.op().symbol() + "'");
        ok &= numeric(r, e.right().span(), "right operand of '" + e.op().symbol() + "'");
        if (!ok) return Lowered.failure();
        if (l.node() instanceof Literal a && r.node() instanceof Literal b) {
            return fold(e.opSpan(), () -> Arithmetic.apply(e.op(), a.value(), b.value()));
        }
        return Lowered.of(new Binary(e.op(), l.node(), r.node()));
    }

    @Override
    public Lowered visitCast(Expr.Cast e) {
        Function f = switch (e.typeName()) {
            case "int" -> Function.INT;
            case "float" -> Function.FLOAT;
            default -> null;
        };
        if (f == null) {
            return error(DiagnosticCode.UNKNOWN_FUNCTION, e.typeSpan(), "unknown type '" + e.typeName() + "' in cast; expected int or float");
        }
        Lowered v = lower(e.value());
        if (v.broken()) return v;
        if (!numeric(v, e.value().span(), "value cast to " + e.typeName())) return Lowered.failure();
        return function(f, List.of(v.node()), e.span());
    }

    private boolean numeric(Lowered v, SourceSpan at, String what) {
        Type t = v.node().type();
        if (t.isNumeric()) return true;
        report.accept(Diagnostic.error(DiagnosticCode.OPERAND_TYPE, at, what + " must be a number, got " + describe(t)));
        return false;
    }

    private static String describe(Type t) {
        return t == Type.MIXED ? "a choice between values of different types" : "a " + t.display();
    }

    private Lowered fold(SourceSpan at, java.util.function.Supplier<Object> compute) {
        try {
            return Lowered.of(new Literal(compute.get()));
        } catch (ExpressionException ex) {
            return error(DiagnosticCode.NUMBER_RANGE, at, "constant expression has no value: " + ex.getMessage());
        }
    }

    private Lowered function(Function f, List<Node> args, SourceSpan at) {
        boolean constant = args.stream().allMatch(a -> a instanceof Literal);
        if (constant) {
            List<Object> values = new ArrayList<>();
            for (Node a : args) values.add(((Literal) a).value());
            return fold(at, () -> Arithmetic.call(f, values));
        }
        return Lowered.of(new Call(f, args));
    }

    @Override
    public Lowered visitCall(Expr.CallExpr e) {
        String name = e.callee();
        Dist dist = Dist.byKeyword(name);
        if (dist != null) return distribution(dist, e);
        if (CHOICES.contains(name)) return choice(e, name.equals("pchoice"));
        Function f = Function.byKeyword(name);
        if (f != null) return builtin(f, e);
        Set<String> known = new TreeSet<>(CHOICES);
        for (Dist d : Dist.values()) known.add(d.keyword());
        for (Function fn : Function.values()) known.add(fn.keyword());
        return error(DiagnosticCode.UNKNOWN_FUNCTION, e.calleeSpan(),
                "unknown function or distribution '" + name + "'" + Suggestions.didYouMean(name, known));
    }

    private Lowered builtin(Function f, Expr.CallExpr e) {
        boolean ok = true;
        for (Expr.Arg a : e.args()) {
            if (a.keyword() != null) ok &= fail(DiagnosticCode.BAD_KEYWORD, a.keywordSpan(), f.keyword() + "() takes no keyword arguments");
            else if (a.weight() != null) ok &= fail(DiagnosticCode.MISPLACED_WEIGHT, a.weight().span(), "only pchoice options have probabilities");
        }
        int n = e.args().size();
        if (n < f.minArgs() || n > f.maxArgs()) {
            String expected = f.minArgs() == f.maxArgs() ? f.minArgs() + " argument" + (f.minArgs() == 1 ? "" : "s")
                    : "at least " + f.minArgs() + " arguments";
            return error(DiagnosticCode.ARGUMENT_COUNT, e.calleeSpan(), f.keyword() + "() takes " + expected + ", got " + n);
        }
        if (!ok) return Lowered.failure();
        List<Node> args = new ArrayList<>();
        for (Expr.Arg a : e.args()) {
            Lowered v = lower(a.value());
            if (v.broken()) return v;
            Type t = v.node().type();
            if (!t.isNumeric()) {
                return error(DiagnosticCode.ARGUMENT_TYPE, a.value().span(),
                        "argument of " + f.keyword() + "() must be a number, got " + describe(t));
            }
            args.add(v.node());
        }
        return function(f, args, e.span());
    }

    private boolean fail(DiagnosticCode code, SourceSpan at, String message) {
        report.accept(Diagnostic.error(code, at, message));
        return false;
    }

    /** The {@code label="..."} keyword argument, if given; reports any other keyword. */
    private String labelArgument(String callee, List<Expr.Arg> args, Set<String> allowed, Map<String, Expr.Arg> keywords, boolean[] ok) {
        String label = null;
        for (Expr.Arg a : args) {
            if (a.keyword() == null) continue;
            if (!allowed.contains(a.keyword())) {
                ok[0] = fail(DiagnosticCode.BAD_KEYWORD, a.keywordSpan(), callee + " has no argument '" + a.keyword() + "'"
                        + Suggestions.didYouMean(a.keyword(), allowed));
                continue;
            }
            if (keywords.putIfAbsent(a.keyword(), a) != null) {
                ok[0] = fail(DiagnosticCode.BAD_KEYWORD, a.keywordSpan(), "argument '" + a.keyword() + "' given twice");
                continue;
            }
            if (a.keyword().equals("label")) {
                Lowered v = lower(a.value());
                if (v.broken()) {
                    ok[0] = false;
                } else if (v.node() instanceof Literal l && l.value() instanceof String s && !s.isEmpty()) {
                    label = s;
                } else {
                    ok[0] = fail(DiagnosticCode.ARGUMENT_TYPE, a.value().span(), "label must be a non-empty string");
                }
            }
        }
        return label;
    }

    private Lowered choice(Expr.CallExpr e, boolean weighted) {
        boolean[] ok = {true};
        String label = labelArgument(e.callee() + "()", e.args(), Set.of("label"), new LinkedHashMap<>(), ok);
        List<Node> options = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        List<SourceSpan> weightSpans = new ArrayList<>();
        boolean afterKeyword = false;
        for (Expr.Arg a : e.args()) {
            if (a.keyword() != null) {
                afterKeyword = true;
                continue;
            }
            if (afterKeyword) {
                ok[0] = fail(DiagnosticCode.SYNTAX, a.span(), "an option cannot follow a keyword argument");
                continue;
            }
            if (weighted) {
                if (a.weight() == null) {
                    ok[0] = fail(DiagnosticCode.MISPLACED_WEIGHT, a.span(), "pchoice option needs a probability: write 'p: option'");
                } else {
                    Double w = constantNumber(a.weight(), "probability");
                    if (w == null) ok[0] = false;
                    else if (w < 0) ok[0] = fail(DiagnosticCode.NEGATIVE_PROBABILITY, a.weight().span(), "probability " + Num.display(w) + " is negative");
                    else {
                        weights.add(w);
                        weightSpans.add(a.weight().span());
                    }
                }
            } else if (a.weight() != null) {
                ok[0] = fail(DiagnosticCode.MISPLACED_WEIGHT, a.weight().span(), "only pchoice options have probabilities; use pchoice(p: option, ...)");
            }
            Lowered v = lower(a.value());
            if (v.broken()) ok[0] = false;
            options.add(v.node());
        }
        if (options.isEmpty()) return error(DiagnosticCode.EMPTY_CHOICE, e.calleeSpan(), e.callee() + "() needs at least one option");
        if (!ok[0]) return Lowered.failure();
        if (weighted) {
            double sum = 0;
            for (double w : weights) sum += w;
            if (Math.abs(sum - 1.0) > PROBABILITY_TOLERANCE) {
                return error(DiagnosticCode.PROBABILITY_SUM, e.calleeSpan(), "pchoice probabilities sum to " + Num.display(sum) + ", not 1");
            }
            return hyperparameter(Choice.weighted(label, weights, options), e.span());
        }
        return hyperparameter(Choice.unnamed(label, options), e.span());
    }

    /** A constant number, or null after reporting why the expression is not one. */
    private Double constantNumber(Expr expr, String what) {
        Lowered v = lower(expr);
        if (v.broken()) return null;
        if (!(v.node() instanceof Literal l)) {
            fail(DiagnosticCode.NOT_CONSTANT, expr.span(), what + " must be a constant number, not a hyperparameter");
            return null;
        }
        if (!(l.value() instanceof Number n)) {
            fail(DiagnosticCode.ARGUMENT_TYPE, expr.span(), what + " must be a number, got " + describe(l.type()));
            return null;
        }
        return n.doubleValue();
    }

    private static List<String> parameterNames(Dist d) {
        List<String> names = new ArrayList<>(d.isBounded() ? List.of("low", "high") : List.of("mu", "sigma"));
        if (d.isQuantized()) names.add("q");
        return names;
    }

    private Lowered distribution(Dist d, Expr.CallExpr e) {
        List<String> names = parameterNames(d);
        Set<String> allowed = new java.util.LinkedHashSet<>(names);
        allowed.add("label");
        boolean[] ok = {true};
        Map<String, Expr.Arg> keywords = new LinkedHashMap<>();
        String label = labelArgument(e.callee() + "()", e.args(), allowed, keywords, ok);
        Map<String, Expr.Arg> byName = new LinkedHashMap<>();
        int positional = 0;
        for (Expr.Arg a : e.args()) {
            if (a.keyword() != null) continue;
            if (a.weight() != null) {
                ok[0] = fail(DiagnosticCode.MISPLACED_WEIGHT, a.weight().span(), "only pchoice options have probabilities");
            }
            if (positional < names.size()) byName.put(names.get(positional), a);
            positional++;
        }
        for (Map.Entry<String, Expr.Arg> k : keywords.entrySet()) {
            if (k.getKey().equals("label")) continue;
            if (byName.putIfAbsent(k.getKey(), k.getValue()) != null) {
                ok[0] = fail(DiagnosticCode.BAD_KEYWORD, k.getValue().keywordSpan(), "argument '" + k.getKey() + "' given twice");
            }
        }
        if (!ok[0]) return Lowered.failure(); // a bad keyword would also miscount the arguments
        if (positional > names.size() || byName.size() < names.size()) {
            String signature = d.keyword() + "(" + String.join(", ", names) + ")";
            int given = positional + (int) keywords.keySet().stream().filter(k -> !k.equals("label")).count();
            return error(DiagnosticCode.ARGUMENT_COUNT, e.calleeSpan(),
                    signature + " takes " + names.size() + " arguments, got " + given);
        }
        double[] v = new double[names.size()];
        for (int i = 0; i < names.size(); i++) {
            Double x = constantNumber(byName.get(names.get(i)).value(), d.keyword() + " argument '" + names.get(i) + "'");
            if (x == null) ok[0] = false;
            else v[i] = x;
        }
        if (!ok[0]) return Lowered.failure();
        SourceSpan first = byName.get(names.get(0)).value().span();
        SourceSpan second = byName.get(names.get(1)).value().span();
        if (d.isQuantized() && !(v[2] > 0)) {
            return error(DiagnosticCode.BAD_Q, byName.get("q").value().span(), d.keyword() + ": q must be > 0, got " + Num.display(v[2]));
        }
        if (d.isBounded()) {
            if (d.isInteger()) {
                for (int i = 0; i < 2; i++) {
                    if (v[i] != Math.rint(v[i])) {
                        return error(DiagnosticCode.ARGUMENT_TYPE, i == 0 ? first : second,
                                d.keyword() + ": " + names.get(i) + " must be an integer, got " + Num.display(v[i]));
                    }
                }
            }
            if (d.isLog() && v[0] <= 0) {
                return error(DiagnosticCode.LOG_BOUNDS, first, d.keyword() + ": low must be > 0 (bounds are in real space), got "
                        + Num.display(v[0]));
            }
            boolean inclusive = d == Dist.UNIFORMINT;
            if (inclusive ? v[0] > v[1] : v[0] >= v[1]) {
                return error(DiagnosticCode.BOUNDS, first, d.keyword() + ": low must be " + (inclusive ? "<=" : "<")
                        + " high, got low = " + Num.display(v[0]) + " and high = " + Num.display(v[1]));
            }
        } else if (!(v[1] > 0)) {
            return error(DiagnosticCode.BAD_SIGMA, second, d.keyword() + ": sigma must be > 0, got " + Num.display(v[1]));
        }
        Distribution dist = d.isQuantized() ? Distribution.of(d, v[0], v[1], v[2]) : Distribution.of(d, v[0], v[1]);
        return hyperparameter(label == null ? Param.of(dist) : Param.labelled(label, dist), e.span());
    }
}
