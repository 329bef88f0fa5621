package dev.hyperopt.nd4j.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads Weka's ARFF format (dense data only): numeric attributes as they are, nominal
 * input attributes one-hot, and the last attribute, which must be nominal, as the class.
 */
public final class ArffReader {
    private ArffReader() {}

    private record Attribute(String name, List<String> values) {
        boolean nominal() {
            return values != null;
        }
    }

    /** @throws DataException for a malformed header, a numeric class, missing values or bad rows */
    public static Dataset read(Path file) {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new DataException("no such file: " + file);
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException(file + ": cannot read (" + e.getMessage() + ")");
        }
        List<Attribute> attributes = new ArrayList<>();
        int i = 0;
        boolean data = false;
        for (; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("%")) continue;
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("@relation")) continue;
            if (lower.startsWith("@attribute")) {
                attributes.add(attribute(line.substring("@attribute".length()).strip(), file, i + 1));
            } else if (lower.startsWith("@data")) {
                data = true;
                i++;
                break;
            } else {
                throw new DataException(file + ":" + (i + 1) + ": expected @relation, @attribute or @data");
            }
        }
        if (!data) throw new DataException(file + ": no @data section");
        if (attributes.size() < 2) throw new DataException(file + ": needs at least one input attribute and a class attribute");
        Attribute cls = attributes.get(attributes.size() - 1);
        if (!cls.nominal()) throw new DataException(file + ": the class (last attribute '" + cls.name() + "') must be nominal");
        int width = 0;
        for (int a = 0; a < attributes.size() - 1; a++) width += attributes.get(a).nominal() ? attributes.get(a).values().size() : 1;
        List<float[]> x = new ArrayList<>();
        List<Integer> y = new ArrayList<>();
        for (; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("%")) continue;
            if (line.startsWith("{")) throw new DataException(file + ":" + (i + 1) + ": sparse ARFF rows are not supported");
            String[] f = line.split("\\s*,\\s*", -1);
            if (f.length != attributes.size()) {
                throw new DataException(file + ":" + (i + 1) + ": " + f.length + " values, but " + attributes.size() + " attributes are declared");
            }
            float[] row = new float[width];
            int at = 0;
            for (int a = 0; a < attributes.size() - 1; a++) {
                Attribute attr = attributes.get(a);
                if (attr.nominal()) {
                    row[at + nominalIndex(attr, f[a], file, i + 1)] = 1f;
                    at += attr.values().size();
                } else {
                    row[at++] = CsvReader.number(f[a], file, i + 1, a + 1);
                }
            }
            x.add(row);
            y.add(nominalIndex(cls, f[f.length - 1], file, i + 1));
        }
        if (x.isEmpty()) throw new DataException(file + ": the data set is empty");
        return Dataset.of(x.toArray(new float[0][]), y.stream().mapToInt(Integer::intValue).toArray(), cls.values().size(), 0, 0);
    }

    private static int nominalIndex(Attribute a, String text, Path file, int line) {
        String v = CsvReader.unquote(text);
        if (v.equals("?")) throw new DataException(file + ":" + line + ": attribute '" + a.name() + "' has a missing value");
        int k = a.values().indexOf(v);
        if (k < 0) throw new DataException(file + ":" + line + ": '" + v + "' is not a value of attribute '" + a.name() + "' " + a.values());
        return k;
    }

    private static Attribute attribute(String rest, Path file, int line) {
        String name;
        String type;
        if (rest.startsWith("'") || rest.startsWith("\"")) {
            int close = rest.indexOf(rest.charAt(0), 1);
            if (close < 0) throw new DataException(file + ":" + line + ": unterminated attribute name");
            name = rest.substring(1, close);
            type = rest.substring(close + 1).strip();
        } else {
            String[] parts = rest.split("\\s+", 2);
            if (parts.length < 2) throw new DataException(file + ":" + line + ": attribute without a type");
            name = parts[0];
            type = parts[1].strip();
        }
        if (type.startsWith("{")) {
            if (!type.endsWith("}")) throw new DataException(file + ":" + line + ": unterminated list of nominal values");
            List<String> values = new ArrayList<>();
            for (String v : type.substring(1, type.length() - 1).split(",")) values.add(CsvReader.unquote(v));
            return new Attribute(name, List.copyOf(values));
        }
        String t = type.toLowerCase(Locale.ROOT);
        if (t.equals("numeric") || t.equals("real") || t.equals("integer")) return new Attribute(name, null);
        throw new DataException(file + ":" + line + ": attribute '" + name + "' has type " + type + "; only numeric and nominal attributes are supported");
    }
}
