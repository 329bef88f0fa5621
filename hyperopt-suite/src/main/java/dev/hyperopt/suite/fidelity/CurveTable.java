package dev.hyperopt.suite.fidelity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Curves replayed from recorded runs: a CSV table (gzip when its name ends in {@code .gz})
 * with one row per configuration, its hyperparameters in the named columns (empty where a
 * hyperparameter is inactive), then its value after each step in the columns
 * {@code PREFIX1..PREFIXT}; other columns are ignored. A configuration finds its row by
 * its values, numbers compared to 9 significant digits (so that {@code 10 ** -3.5}
 * computed by a space matches the recorded {@code 3.1622776601683794E-4}).
 */
public final class CurveTable implements CurveSource {

    /** How a full-length run's loss follows from its values. */
    public enum Final {
        /** the value at the last step (an epoch's validation error) */
        LAST,
        /** the mean over the steps (folds of a cross-validation) */
        MEAN
    }

    private final List<String> params;
    private final int steps;
    private final Map<String, Curve> rows;

    private CurveTable(List<String> params, int steps, Map<String, Curve> rows) {
        this.params = List.copyOf(params);
        this.steps = steps;
        this.rows = rows;
    }

    /**
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the file and line when a column is missing, a cell is not a
     *                                  number, or two rows have the same configuration
     */
    public static CurveTable read(Path file, List<String> params, String stepPrefix, Final rule) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null) throw new IllegalArgumentException(file + ": empty table");
            List<String> columns = List.of(header.split(",", -1));
            int[] paramAt = new int[params.size()];
            for (int i = 0; i < params.size(); i++) {
                paramAt[i] = columns.indexOf(params.get(i));
                if (paramAt[i] < 0) throw new IllegalArgumentException(file + ": no column '" + params.get(i) + "'");
            }
            List<Integer> stepAt = new ArrayList<>();
            for (int t = 1; columns.contains(stepPrefix + t); t++) stepAt.add(columns.indexOf(stepPrefix + t));
            if (stepAt.isEmpty()) throw new IllegalArgumentException(file + ": no step columns " + stepPrefix + "1, " + stepPrefix + "2, ...");
            Map<String, Curve> rows = new HashMap<>();
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                String[] cells = line.split(",", -1);
                if (cells.length != columns.size()) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": " + cells.length + " cells, the header has " + columns.size());
                }
                Map<String, Object> config = new HashMap<>();
                for (int i = 0; i < params.size(); i++) {
                    String cell = cells[paramAt[i]];
                    if (!cell.isEmpty()) config.put(params.get(i), parseCell(cell));
                }
                double[] values = new double[stepAt.size()];
                for (int t = 0; t < values.length; t++) {
                    try {
                        values[t] = Double.parseDouble(cells[stepAt.get(t)]);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + ":" + lineNo + ": step " + (t + 1) + " is not a number: '" + cells[stepAt.get(t)] + "'");
                    }
                }
                String key = key(params, config);
                if (rows.put(key, new Curve(values, finalLoss(values, rule))) != null) {
                    throw new IllegalArgumentException(file + ":" + lineNo + ": a second row for " + key);
                }
            }
            if (rows.isEmpty()) throw new IllegalArgumentException(file + ": no rows");
            return new CurveTable(params, stepAt.size(), rows);
        }
    }

    static double finalLoss(double[] values, Final rule) {
        if (rule == Final.LAST) return values[values.length - 1];
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    private static Object parseCell(String cell) {
        try {
            return Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    /** The row key of a configuration: its known hyperparameters, numbers to 9 significant digits. */
    private static String key(List<String> params, Map<String, Object> config) {
        StringBuilder sb = new StringBuilder();
        for (String p : params) {
            Object v = config.get(p);
            if (v == null) continue;
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(p).append('=').append(canonical(v));
        }
        return sb.toString();
    }

    static String canonical(Object v) {
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) return Double.toString(d);
            return new BigDecimal(d).round(new MathContext(9)).stripTrailingZeros().toPlainString();
        }
        return String.valueOf(v);
    }

    @Override
    public Curve curve(Map<String, Object> config) {
        Set<String> unknown = new LinkedHashSet<>(config.keySet());
        unknown.removeAll(params);
        if (!unknown.isEmpty()) throw new IllegalArgumentException("the table has no column for " + unknown);
        String key = key(params, config);
        Curve c = rows.get(key);
        if (c == null) throw new IllegalArgumentException("no recorded curve for " + key);
        return c;
    }

    /** Steps per curve. */
    public int steps() {
        return steps;
    }

    /** Recorded configurations. */
    public int size() {
        return rows.size();
    }

    /** The lowest final loss of any recorded configuration: the best a search can reach. */
    public double bestFinal() {
        double best = Double.POSITIVE_INFINITY;
        for (Curve c : rows.values()) best = Math.min(best, c.finalLoss());
        return best;
    }

    /** Every recorded curve, in no particular order. */
    public List<Curve> curves() {
        return List.copyOf(rows.values());
    }
}
