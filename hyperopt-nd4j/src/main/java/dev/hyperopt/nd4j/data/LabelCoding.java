package dev.hyperopt.nd4j.data;

import java.util.List;
import java.util.TreeSet;

/**
 * Class labels as numbers: integer labels are used as they are (they must be >= 0), other
 * labels are numbered in sorted order.
 */
record LabelCoding(int[] codes, int classes, List<String> names) {

    static LabelCoding of(String[] labels, String where) {
        boolean integers = true;
        for (String s : labels) {
            if (!s.matches("[-+]?\\d{1,9}")) {
                integers = false;
                break;
            }
        }
        int[] codes = new int[labels.length];
        if (integers) {
            int max = 0;
            for (int i = 0; i < labels.length; i++) {
                codes[i] = Integer.parseInt(labels[i]);
                if (codes[i] < 0) throw new DataException(where + ": label " + codes[i] + " of example " + (i + 1) + " is out of range (class numbers start at 0)");
                max = Math.max(max, codes[i]);
            }
            if (max >= 10_000) throw new DataException(where + ": label " + max + " is out of range (at most 10000 classes)");
            return new LabelCoding(codes, max + 1, List.of());
        }
        List<String> names = List.copyOf(new TreeSet<>(List.of(labels)));
        for (int i = 0; i < labels.length; i++) codes[i] = names.indexOf(labels[i]);
        return new LabelCoding(codes, names.size(), names);
    }
}
