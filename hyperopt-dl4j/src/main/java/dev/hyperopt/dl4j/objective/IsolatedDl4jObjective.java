package dev.hyperopt.dl4j.objective;

import dev.hyperopt.dl4j.model.Preprocessing;
import dev.hyperopt.dl4j.model.TrainedNet;
import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Objective;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.objective.ChildJvmObjective;
import dev.hyperopt.nd4j.data.DataSplits;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@link Dl4jObjective}'s trials, each trained in a child JVM ({@link Dl4jWorker}, on the
 * engine's {@link ChildJvmObjective}): a trial past its time-out has its process killed, which
 * stops its training and frees its native memory, and a crash or a failed off-heap allocation
 * fails that trial only. Each child loads the data once, when it starts. The nets of the best
 * trials come back as files, kept here for the ensemble as {@link Dl4jObjective#kept()} keeps
 * them in memory.
 */
public final class IsolatedDl4jObjective implements Objective, AutoCloseable {
    /** The attachment a child names a kept net's file with; never stored with the trial. */
    static final String KEPT_NET = "_kept_net";
    private static final Logger LOG = LoggerFactory.getLogger(IsolatedDl4jObjective.class);

    private final DataSplits data;
    private final ChildJvmObjective children;
    private final Path keepDir;
    private final List<Dl4jObjective.Kept> kept = new ArrayList<>();

    /** Where and how the children load the data: as {@link DataSplits#open} takes it. */
    public record Source(String data, DataSplits.Sizes sizes, long seed) {
        public Source {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(sizes, "sizes");
        }
    }

    /**
     * @param data       the splits the source gives, loaded here (the kept nets' validation probabilities)
     * @param maxUnits   a cap on layer widths (0 for none)
     * @param maxSeconds a cap on each trial's soft time budget (0 for none)
     * @param heap       each child's heap ({@code -Xmx}); ND4J's arrays live outside it
     * @param jvmOptions further options for the children ({@code -Dorg.bytedeco.javacpp.maxbytes=...})
     * @param log        receives the children's training progress and standard error lines, or null to log them
     */
    public IsolatedDl4jObjective(DataSplits data, Source source, int maxUnits, double maxSeconds, boolean verbose, String heap,
                                 List<String> jvmOptions, Consumer<String> log) {
        this.data = Objects.requireNonNull(data, "data");
        try {
            keepDir = Files.createTempDirectory("hyperopt-dl4j-nets-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for the trials' nets: " + e.getMessage(), e);
        }
        List<String> args = List.of(source.data(), size(source.sizes().train()), size(source.sizes().valid()), size(source.sizes().test()),
                Long.toString(source.seed()), Integer.toString(maxUnits), Double.toString(maxSeconds), keepDir.toString(),
                Boolean.toString(verbose));
        this.children = new ChildJvmObjective("DL4J trial", Dl4jWorker.class, heap, jvmOptions, args,
                log != null ? log : line -> LOG.debug("{}", line));
    }

    private static String size(Integer n) {
        return n == null ? "-" : n.toString();
    }

    @Override
    public Outcome evaluate(TrialContext context) throws InterruptedException {
        Outcome o = children.evaluate(context);
        if (!o.attachments().containsKey(KEPT_NET)) return o;
        Map<String, Object> rest = new LinkedHashMap<>(o.attachments());
        Path file = Path.of(String.valueOf(rest.remove(KEPT_NET)));
        if (o.ok()) keep(context.trial(), context.config(), o, file);
        return new Outcome(o.ok(), o.loss(), o.error(), rest, o.isPruned());
    }

    private void keep(long trial, Config config, Outcome o, Path file) {
        try {
            synchronized (this) {
                if (kept.size() >= Dl4jObjective.KEPT && o.loss() >= kept.get(kept.size() - 1).validError()) return;
            }
            MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
            double[][] p = net.output(data.valid().features(), false).castTo(DataType.DOUBLE).toDoubleMatrix();
            TrainedNet t = new TrainedNet(units(o.attachments().get("units")), Preprocessing.raw(), net, null, o.loss(),
                    integer(o.attachments().get("best_epoch")), integer(o.attachments().get("epochs")),
                    String.valueOf(o.attachments().get("stopped_by")), List.of(), number(o.attachments().get("seconds")));
            synchronized (this) {
                kept.add(new Dl4jObjective.Kept(trial, config, o.loss(), t, p));
                kept.sort(Comparator.comparingDouble(Dl4jObjective.Kept::validError).thenComparingLong(Dl4jObjective.Kept::trial));
                if (kept.size() > Dl4jObjective.KEPT) kept.remove(kept.size() - 1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("trial {}: cannot read its net back: {}", trial, e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.debug("cannot delete {}: {}", file, e.getMessage());
            }
        }
    }

    private static List<Integer> units(Object o) {
        List<Integer> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object u : l) out.add(integer(u));
        return out;
    }

    private static int integer(Object o) {
        return o instanceof Number n ? n.intValue() : -1;
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The nets of the best trials the children trained (at most {@link Dl4jObjective#KEPT}), best first. */
    public synchronized List<Dl4jObjective.Kept> kept() {
        return List.copyOf(kept);
    }

    /** The process ids of the children running now. */
    public List<Long> processIds() {
        return children.processIds();
    }

    /** How many children were started so far (restarts included). */
    public int processesStarted() {
        return children.processesStarted();
    }

    /** Stops the children and deletes the nets they left. */
    @Override
    public void close() {
        children.close();
        try (Stream<Path> files = Files.list(keepDir)) {
            for (Path f : files.toList()) Files.deleteIfExists(f);
            Files.deleteIfExists(keepDir);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", keepDir, e.getMessage());
        }
    }
}
