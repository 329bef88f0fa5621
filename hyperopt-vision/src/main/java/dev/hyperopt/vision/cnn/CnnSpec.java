package dev.hyperopt.vision.cnn;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One trained convolutional net of the {@code vision.cnn} space, read from a trial's
 * configuration. The shape the shipped space produces (and a user's own space must produce):
 * <pre>
 * { blocks: [ { filters: int, kernel: int, pool: "max" | "avg" | "none" }, ... ],   # 1 to 3
 *   batch_norm: bool, dropout: number in [0, 1), dense: int (0: none),
 *   lr: number, schedule: {constant: {}} | {exponential: {decay}} | {linear: {}},
 *   l2: number, batch_size: int, epochs: int, seed: int,
 *   max_params: int, max_seconds: number }
 * </pre>
 * Convolutions are unpadded with stride 1, so each shrinks the map by {@code kernel - 1};
 * pooling halves it (windows of 2, stride 2).
 */
public record CnnSpec(List<Block> blocks, boolean batchNorm, double dropout, int dense, double lr, Schedule schedule, double l2,
                      int batchSize, int epochs, long seed, long maxParams, double maxSeconds) {

    /** How a block pools after its convolution. */
    public enum Pool { MAX, AVG, NONE }

    /** A convolution of {@code filters} filters of side {@code kernel}, ReLU, then the pooling. */
    public record Block(int filters, int kernel, Pool pool) {
        public Block {
            if (filters < 1) throw new ConfigException("a block needs at least 1 filter, got " + filters);
            if (kernel < 1) throw new ConfigException("a kernel must be at least 1 pixel, got " + kernel);
            Objects.requireNonNull(pool, "pool");
        }
    }

    /** How the learning rate changes over training. */
    public sealed interface Schedule permits Constant, Exponential, Linear {}

    public record Constant() implements Schedule {}

    /** Multiplied by {@code decay} every epoch (smoothly, update by update). */
    public record Exponential(double decay) implements Schedule {
        public Exponential {
            if (!(decay > 0 && decay <= 1)) throw new ConfigException("schedule.exponential.decay must be in (0, 1], got " + decay);
        }
    }

    /** Falls linearly to zero at the last update. */
    public record Linear() implements Schedule {}

    public CnnSpec {
        blocks = List.copyOf(blocks);
        if (blocks.isEmpty()) throw new ConfigException("blocks must hold at least one block");
        if (!(dropout >= 0 && dropout < 1)) throw new ConfigException("dropout must be in [0, 1), got " + dropout);
        if (dense < 0) throw new ConfigException("dense must be >= 0, got " + dense);
        if (!(lr > 0) || !Double.isFinite(lr)) throw new ConfigException("lr must be positive, got " + lr);
        Objects.requireNonNull(schedule, "schedule");
        if (!(l2 >= 0) || !Double.isFinite(l2)) throw new ConfigException("l2 must be >= 0, got " + l2);
        if (batchSize < 1) throw new ConfigException("batch_size must be >= 1, got " + batchSize);
        if (epochs < 1) throw new ConfigException("epochs must be >= 1, got " + epochs);
        if (maxParams < 1) throw new ConfigException("max_params must be >= 1, got " + maxParams);
        if (!(maxSeconds > 0)) throw new ConfigException("max_seconds must be positive, got " + maxSeconds);
    }

    /**
     * Reads a configuration.
     *
     * @throws ConfigException naming the first key that is missing or has a wrong value
     */
    public static CnnSpec from(Config c) {
        List<Block> blocks = new ArrayList<>();
        for (Config b : c.getList("blocks")) {
            String pool = b.getString("pool").toUpperCase(Locale.ROOT);
            Pool p;
            try {
                p = Pool.valueOf(pool);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("pool '" + b.getString("pool") + "' is none of max, avg, none");
            }
            blocks.add(new Block(b.getInt("filters"), b.getInt("kernel"), p));
        }
        Config s = c.getConfig("schedule");
        String kind = s.branch();
        Schedule schedule = switch (kind.toLowerCase(Locale.ROOT)) {
            case "constant" -> new Constant();
            case "exponential" -> new Exponential(s.getDouble(kind + ".decay"));
            case "linear" -> new Linear();
            default -> throw new ConfigException("schedule '" + kind + "' is none of constant, exponential, linear");
        };
        return new CnnSpec(blocks, c.getBoolean("batch_norm"), c.getDouble("dropout"), c.getInt("dense"), c.getDouble("lr"), schedule,
                c.getDouble("l2"), c.getInt("batch_size"), c.getInt("epochs"), c.getLong("seed"), c.getLong("max_params"),
                c.getDouble("max_seconds"));
    }

    /** The same net trained for {@code n} epochs. */
    public CnnSpec withEpochs(int n) {
        return new CnnSpec(blocks, batchNorm, dropout, dense, lr, schedule, l2, batchSize, n, seed, maxParams, maxSeconds);
    }

    /**
     * A standard small CNN, as the {@code vision.cnn} space writes it: two blocks of 3x3
     * convolutions (32 and 64 filters) with 2x2 max pooling, a dense layer of 128 ReLU units,
     * dropout 0.25, Adam at 1e-3 with no schedule and no L2 penalty, minibatches of 64, 6
     * epochs (after the Keras MNIST example's net, within this space's ranges).
     */
    public static Map<String, Object> standardSmall() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("blocks", List.of(block(32), block(64)));
        c.put("batch_norm", false);
        c.put("dropout", 0.25);
        c.put("dense", 128L);
        c.put("lr", 1e-3);
        c.put("schedule", Map.of("constant", Map.of()));
        c.put("l2", 0.0);
        c.put("batch_size", 64L);
        c.put("epochs", 6L);
        c.put("seed", 1L);
        c.put("max_params", 1_000_000L);
        c.put("max_seconds", 120L);
        return c;
    }

    private static Map<String, Object> block(long filters) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("filters", filters);
        b.put("kernel", 3L);
        b.put("pool", "max");
        return b;
    }
}
