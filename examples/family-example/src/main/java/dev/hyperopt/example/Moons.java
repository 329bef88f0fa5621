package dev.hyperopt.example;

import java.util.SplittableRandom;

/**
 * Two interleaving half circles with Gaussian noise (the "two moons" data set), split into
 * training and validation halves: a small problem on which k and the distance matter.
 *
 * @param x     two coordinates per point
 * @param label 0 or 1
 * @param train how many of the first points are for training; the rest validate
 */
public record Moons(double[][] x, int[] label, int train) {

    public static Moons generate(int n, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * r.nextDouble();
            y[i] = i % 2;
            x[i][0] = y[i] == 0 ? Math.cos(t) : 1 - Math.cos(t);
            x[i][1] = y[i] == 0 ? Math.sin(t) : 0.5 - Math.sin(t);
            x[i][0] += noise * gaussian(r);
            x[i][1] += noise * gaussian(r);
        }
        return new Moons(x, y, n / 2);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
