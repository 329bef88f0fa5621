package dev.hyperopt.nd4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a comma-separated table: numeric features, the class in the last column (integers
 * from 0, or names, numbered in sorted order). An optional first line of column names is
 * recognised by its non-numeric features; blank lines and lines starting with '#' are skipped.
 */
public final class CsvReader {
    private CsvReader() {}

    /** @throws DataException for an empty file, ragged rows, non-numeric features or bad labels */
    public static Dataset read(Path file) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<String[]> rows = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        boolean first = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split("\\s*,\\s*", -1);
            if (first) {
                first = false;
                if (isHeader(f)) continue;
            }
            rows.add(f);
            lineNumbers.add(i + 1);
        }
        if (rows.isEmpty()) throw new DataException(file + ": the data set is empty");
        int columns = rows.get(0).length;
        if (columns < 2) throw new DataException(file + ": needs at least one feature column and a class column");
        float[][] x = new float[rows.size()][columns - 1];
        String[] labels = new String[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            String[] f = rows.get(i);
            int line = lineNumbers.get(i);
            if (f.length != columns) {
                throw new DataException(file + ":" + line + ": " + f.length + " columns, but the first row has " + columns);
            }
            for (int j = 0; j < columns - 1; j++) {
                x[i][j] = number(f[j], file, line, j + 1);
            }
            labels[i] = unquote(f[columns - 1]);
        }
        LabelCoding coding = LabelCoding.of(labels, file.toString());
        return Dataset.of(x, coding.codes(), coding.classes(), 0, 0);
    }

    private static boolean isHeader(String[] fields) {
        for (int j = 0; j < fields.length - 1; j++) {
            try {
                Double.parseDouble(unquote(fields[j]));
            } catch (NumberFormatException e) {
                return true;
            }
        }
        return false;
    }

    static float number(String text, Path file, int line, int column) {
        String t = unquote(text);
        if (t.equals("?") || t.isEmpty()) throw new DataException(file + ":" + line + ": column " + column + " has a missing value");
        try {
            double d = Double.parseDouble(t);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return (float) d;
        } catch (NumberFormatException e) {
            throw new DataException(file + ":" + line + ": column " + column + ": '" + t + "' is not a finite number");
        }
    }

    static String unquote(String s) {
        String t = s.strip();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            return t.substring(1, t.length() - 1);
        }
        return t;
    }
}
