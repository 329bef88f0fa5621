package dev.hyperopt.dsl.parse;

import dev.hyperopt.dsl.ast.AstFile;
import dev.hyperopt.dsl.diag.Diagnostic;
import dev.hyperopt.dsl.diag.DiagnosticCode;
import dev.hyperopt.dsl.parse.antlr.HSpaceLexer;
import dev.hyperopt.dsl.parse.antlr.HSpaceParser;
import dev.hyperopt.dsl.source.Source;
import dev.hyperopt.dsl.source.SourceSpan;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/** Parses {@code .hspace} text into an {@link AstFile}, collecting syntax errors as diagnostics. */
public final class Parser {
    private Parser() {}

    /** The result of parsing: the AST (possibly partial) and the syntax errors. */
    public record Parsed(AstFile file, List<Diagnostic> errors) {
        public Parsed {
            errors = List.copyOf(errors);
        }
    }

    public static Parsed parse(Source source) {
        List<Diagnostic> errors = new ArrayList<>();
        SyntaxErrors listener = new SyntaxErrors(source, errors);
        HSpaceLexer lexer = new HSpaceLexer(CharStreams.fromString(source.text(), source.name()));
        lexer.removeErrorListeners();
        lexer.addErrorListener(listener);
        HSpaceParser parser = new HSpaceParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.addErrorListener(listener);
        HSpaceParser.FileContext tree = parser.file();
        AstFile file;
        try {
            file = new AstBuilder(source).file(tree);
        } catch (RuntimeException partialTree) {
            // Error recovery can leave holes in the tree; the syntax errors already say why.
            if (errors.isEmpty()) throw partialTree;
            file = new AstFile(source, List.of());
        }
        return new Parsed(file, errors);
    }

    /** Rewrites ANTLR's messages into short ones that name the offending token. */
    private static final class SyntaxErrors extends BaseErrorListener {
        private final Source source;
        private final List<Diagnostic> out;
        private int lastLine = -1;
        private int lastColumn = -1;

        SyntaxErrors(Source source, List<Diagnostic> out) {
            this.source = source;
            this.out = out;
        }

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
                                String msg, RecognitionException e) {
            int column = charPositionInLine + 1;
            if (line == lastLine && column == lastColumn) return; // one error per position
            lastLine = line;
            lastColumn = column;
            String message;
            int width = 1;
            if (offendingSymbol instanceof Token t) {
                width = t.getType() == Token.EOF ? 1 : Math.max(1, t.getText().length());
                message = describe(recognizer, t, msg, e);
            } else {
                message = msg.startsWith("token recognition error at: ")
                        ? "unexpected character " + msg.substring("token recognition error at: ".length())
                        : msg;
            }
            out.add(Diagnostic.error(DiagnosticCode.SYNTAX,
                    new SourceSpan(source, line, column, line, column + width - 1), message));
        }

        private static String describe(Recognizer<?, ?> recognizer, Token t, String msg, RecognitionException e) {
            String found = t.getType() == Token.EOF ? "end of file" : "'" + t.getText() + "'";
            if (t.getType() == HSpaceLexer.BAD_CHAR) return "unexpected character " + found;
            if (msg.startsWith("missing ")) {
                String what = msg.substring("missing ".length(), msg.lastIndexOf(" at "));
                return "missing " + what + " before " + found;
            }
            IntervalSet expected = null;
            if (e instanceof InputMismatchException || e instanceof NoViableAltException || e == null) {
                expected = recognizer instanceof org.antlr.v4.runtime.Parser p ? p.getExpectedTokens() : null;
            }
            String expects = expected == null ? "" : expectation(expected, recognizer);
            return "unexpected " + found + expects;
        }

        private static String expectation(IntervalSet expected, Recognizer<?, ?> recognizer) {
            List<String> names = new ArrayList<>();
            for (int type : expected.toList()) {
                String name = recognizer.getVocabulary().getLiteralName(type);
                if (name == null) name = recognizer.getVocabulary().getSymbolicName(type);
                if (name == null) continue;
                names.add(switch (name) {
                    case "IDENT" -> "a name";
                    case "NUMBER" -> "a number";
                    case "STRING" -> "a string";
                    case "EOF" -> "end of file";
                    default -> name;
                });
            }
            if (names.isEmpty() || names.size() > 5) return "";
            if (names.size() == 1) return ", expected " + names.get(0);
            return ", expected one of " + String.join(" ", names);
        }
    }
}
