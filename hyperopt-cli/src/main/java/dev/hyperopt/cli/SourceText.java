package dev.hyperopt.cli;

/** What a {@code .hspace} text holds beyond its compiled space: comments and imports. */
final class SourceText {
    private SourceText() {}

    /** "comments", "imports", "comments and imports", or null when the text has neither. */
    static String lostByFormatting(String text) {
        boolean comments = false;
        boolean imports = false;
        boolean lineStart = true;   // only whitespace since the last line break
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfString(text, i, c);
                lineStart = false;
            } else if (c == '#' || (c == '/' && i + 1 < n && (text.charAt(i + 1) == '/' || text.charAt(i + 1) == '*'))) {
                comments = true;
                if (c == '/' && text.charAt(i + 1) == '*') {
                    int end = text.indexOf("*/", i + 2);
                    i = end < 0 ? n : end + 1;
                } else {
                    while (i + 1 < n && text.charAt(i + 1) != '\n') i++;
                }
            } else if (c == '\n') {
                lineStart = true;
            } else if (!Character.isWhitespace(c)) {
                if (lineStart && isImportStatement(text, i)) imports = true;
                lineStart = false;
            }
        }
        if (comments && imports) return "comments and imports";
        if (comments) return "comments";
        return imports ? "imports" : null;
    }

    /** {@code import} followed by a path or module name, not {@code import:} used as a dict key. */
    private static boolean isImportStatement(String text, int i) {
        int j = i + "import".length();
        if (!text.startsWith("import", i) || j >= text.length() || !Character.isWhitespace(text.charAt(j))) return false;
        while (j < text.length() && Character.isWhitespace(text.charAt(j))) j++;
        return j < text.length() && text.charAt(j) != ':';
    }

    private static int endOfString(String text, int start, char quote) {
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') i++;
            else if (c == quote || c == '\n') return i;
        }
        return text.length();
    }
}
