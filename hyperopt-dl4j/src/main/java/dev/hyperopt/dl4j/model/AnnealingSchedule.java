package dev.hyperopt.dl4j.model;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * {@link Annealing} as a DL4J learning-rate schedule, so that the updater anneals per
 * iteration without the network's configuration being rewritten between minibatches.
 * Saved models get a constant rate instead, so that DL4J alone can load them.
 */
public final class AnnealingSchedule implements ISchedule {
    private final double lr;
    private final double start;

    public AnnealingSchedule(@JsonProperty("lr") double lr, @JsonProperty("start") double start) {
        new Annealing(lr, start);
        this.lr = lr;
        this.start = start;
    }

    @JsonProperty("lr")
    public double lr() {
        return lr;
    }

    @JsonProperty("start")
    public double start() {
        return start;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return new Annealing(lr, start).at(iteration);
    }

    @Override
    public ISchedule clone() {
        return new AnnealingSchedule(lr, start);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnnealingSchedule a && a.lr == lr && a.start == start;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lr) * 31 + Double.hashCode(start);
    }
}
