package dev.hyperopt.testing;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialFinishedException;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TrialStore} must do with the life of trials: studies, numbers reserved
 * once, trials started, reporting intermediate values in increasing steps and finished once
 * (ok, failed or pruned), history in number order, and queued configurations handed out
 * oldest first, each once. A backend's test
 * extends this class and says how to open a fresh, empty store; a store that processes
 * share extends {@link SharedTrialStoreContract} instead.
 */
public abstract class TrialStoreContract {
    protected TrialStore store;

    /** A new, empty store. */
    protected abstract TrialStore openStore() throws Exception;

    @BeforeEach
    public void open() throws Exception {
        store = openStore();
    }

    @AfterEach
    public void closeStore() {
        if (store != null) store.close();
    }

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05.678Z");

    private Trial running(long n, double x) {
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("x", x);
        labels.put("model", "svm");
        return Trial.running(n, new double[] {x, 0, Double.NaN}, labels, Config.of(Map.of("x", x)), T0.plusSeconds(n));
    }

    @Test
    public void createsAStudyAndOpensItAgainUnchanged() {
        StudyInfo a = store.openStudy("s", "fp1", "tpe", 7);
        assertThat(a.name()).isEqualTo("s");
        assertThat(a.seed()).isEqualTo(7);
        StudyInfo again = store.openStudy("s", "fp1", "rand", 99);
        assertThat(again.algorithm()).isEqualTo("tpe");
        assertThat(again.seed()).isEqualTo(7);
        assertThat(store.study("s")).contains(a);
        assertThat(store.study("missing")).isEmpty();
    }

    @Test
    public void refusesToReopenAStudyWithAnotherSpace() {
        store.openStudy("s", "fp1", "tpe", 7);
        assertThatThrownBy(() -> store.openStudy("s", "fp2", "tpe", 7))
                .isInstanceOf(StoreException.class).hasMessageContaining("different search space");
    }

    @Test
    public void listsStudiesByName() {
        store.openStudy("b", "fp", "tpe", 1);
        store.openStudy("a", "fp", "rand", 2);
        assertThat(store.studies()).extracting(StudyInfo::name).containsExactly("a", "b");
    }

    @Test
    public void reservesNumbersFromZeroPerStudy() {
        store.openStudy("s", "fp", "tpe", 1);
        store.openStudy("t", "fp", "tpe", 1);
        assertThat(store.reserveTrial("s")).isZero();
        assertThat(store.reserveTrial("s")).isEqualTo(1);
        assertThat(store.reserveTrial("t")).isZero();
        assertThat(store.reserveTrial("s")).isEqualTo(2);
    }

    @Test
    public void reservesEachNumberOnceUnderConcurrency() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        int threads = 8;
        int each = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger dup = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) if (!seen.add(store.reserveTrial("s"))) dup.incrementAndGet();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(dup).hasValue(0);
        assertThat(seen).hasSize(threads * each);
        assertThat(Collections.max(seen)).isEqualTo(threads * each - 1L);
    }

    @Test
    public void recordsARunningTrialWithItsAssignment() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        List<Trial> ts = store.trials("s");
        assertThat(ts).hasSize(1);
        Trial t = ts.get(0);
        assertThat(t.state()).isEqualTo(TrialState.RUNNING);
        assertThat(t.values()).containsExactly(0.5, 0, Double.NaN);
        assertThat(t.labels()).containsExactly(Map.entry("x", 0.5), Map.entry("model", "svm"));
        assertThat(t.config().getDouble("x")).isEqualTo(0.5);
        assertThat(t.started()).isEqualTo(T0);
        assertThat(t.finished()).isNull();
        assertThat(t.loss()).isNaN();
    }

    @Test
    public void refusesAnUnreservedOrDuplicateTrial() {
        store.openStudy("s", "fp", "tpe", 1);
        assertThatThrownBy(() -> store.startTrial("s", running(0, 0.5))).isInstanceOf(StoreException.class);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        assertThatThrownBy(() -> store.startTrial("s", running(n, 0.7))).isInstanceOf(StoreException.class);
        assertThat(store.trials("s")).hasSize(1);
    }

    @Test
    public void finishesATrialOkWithLossAndAttachments() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        Trial done = store.finishTrial("s", n, Outcome.ok(0.25, Map.of("accuracy", 0.75)), T0.plusSeconds(5));
        assertThat(done.state()).isEqualTo(TrialState.OK);
        assertThat(done.loss()).isEqualTo(0.25);
        assertThat(done.attachments()).containsEntry("accuracy", 0.75);
        assertThat(done.error()).isNull();
        assertThat(done.finished()).isEqualTo(T0.plusSeconds(5));
        assertThat(store.trials("s")).containsExactly(done);
    }

    @Test
    public void finishesATrialFailedWithItsReason() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        Trial done = store.finishTrial("s", n, Outcome.fail("diverged"), T0.plusSeconds(1));
        assertThat(done.state()).isEqualTo(TrialState.FAIL);
        assertThat(done.error()).isEqualTo("diverged");
        assertThat(done.loss()).isNaN();
    }

    @Test
    public void recordsANonFiniteLossAsAFailure() {
        store.openStudy("s", "fp", "tpe", 1);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            long n = store.reserveTrial("s");
            store.startTrial("s", running(n, 0.5));
            Trial done = store.finishTrial("s", n, Outcome.ok(bad), T0.plusSeconds(1));
            assertThat(done.state()).isEqualTo(TrialState.FAIL);
            assertThat(done.error()).startsWith("loss is");
        }
        assertThat(store.trials("s")).extracting(Trial::error).containsExactly("loss is NaN", "loss is infinite", "loss is -infinite");
    }

    @Test
    public void aFinishedTrialIsFinal() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        Trial done = store.finishTrial("s", n, Outcome.ok(1.0), T0.plusSeconds(1));
        assertThatThrownBy(() -> store.finishTrial("s", n, Outcome.ok(0.0), T0.plusSeconds(2)))
                .isInstanceOf(TrialFinishedException.class).hasMessageContaining("already finished");
        assertThatThrownBy(() -> store.finishTrial("s", n, Outcome.fail("late"), T0.plusSeconds(2)))
                .isInstanceOf(TrialFinishedException.class);
        assertThat(store.trials("s")).containsExactly(done);
    }

    @Test
    public void finishingConcurrentlySucceedsExactlyOnce() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger wins = new AtomicInteger();
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            double loss = i;
            fs.add(pool.submit(() -> {
                go.await();
                try {
                    store.finishTrial("s", n, Outcome.ok(loss), T0.plusSeconds(1));
                    wins.incrementAndGet();
                } catch (TrialFinishedException expected) {
                    // another thread was first
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : fs) f.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(wins).hasValue(1);
        assertThat(store.trials("s").get(0).state()).isEqualTo(TrialState.OK);
    }

    @Test
    public void finishingAnUnknownTrialOrStudyFails() {
        store.openStudy("s", "fp", "tpe", 1);
        assertThatThrownBy(() -> store.finishTrial("s", 3, Outcome.ok(1), T0)).isInstanceOf(StoreException.class)
                .hasMessageContaining("no trial 3");
        assertThatThrownBy(() -> store.trials("nope")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.reserveTrial("nope")).isInstanceOf(StoreException.class);
    }

    @Test
    public void historyIsInNumberOrderAndASnapshot() {
        store.openStudy("s", "fp", "tpe", 1);
        long a = store.reserveTrial("s");
        long b = store.reserveTrial("s");
        store.startTrial("s", running(b, 0.2));
        store.startTrial("s", running(a, 0.1));
        List<Trial> before = store.trials("s");
        store.finishTrial("s", b, Outcome.ok(3), T0.plusSeconds(9));
        assertThat(before).extracting(Trial::number).containsExactly(0L, 1L);
        assertThat(before).allMatch(t -> t.state() == TrialState.RUNNING);
        assertThat(store.trials("s")).extracting(Trial::state).containsExactly(TrialState.RUNNING, TrialState.OK);
        assertThatThrownBy(() -> before.add(null)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    public void studiesDoNotShareTrials() {
        store.openStudy("s", "fp", "tpe", 1);
        store.openStudy("t", "fp", "tpe", 1);
        store.startTrial("s", running(store.reserveTrial("s"), 0.1));
        assertThat(store.trials("t")).isEmpty();
        assertThat(store.trials("s")).hasSize(1);
    }

    private static final Intermediate[] CURVE = {new Intermediate(0, 2.5), new Intermediate(1, 1.75), new Intermediate(4, 1.5),
            new Intermediate(10, 1.25)};

    @Test
    public void reportedValuesAreKeptInOrderAndAfterTheTrialFinishes() {
        store.openStudy("s", "fp", "tpe", 1);
        long a = store.reserveTrial("s");
        long b = store.reserveTrial("s");
        store.startTrial("s", running(a, 0.1));
        store.startTrial("s", running(b, 0.2));
        for (Intermediate v : CURVE) {
            store.report("s", a, v);
            store.report("s", b, new Intermediate(v.step(), v.value() * 2));
        }
        assertThat(store.trial("s", a).orElseThrow().intermediate()).containsExactly(CURVE);
        assertThat(store.trial("s", a).orElseThrow().state()).isEqualTo(TrialState.RUNNING);
        assertThat(store.trials("s").get(1).intermediate()).extracting(Intermediate::value).containsExactly(5.0, 3.5, 3.0, 2.5);
        Trial done = store.finishTrial("s", a, Outcome.ok(1.25), T0.plusSeconds(20));
        assertThat(done.intermediate()).containsExactly(CURVE);
        assertThat(store.trials("s").get(0)).isEqualTo(done);
        assertThat(store.trial("s", a)).contains(done);
        assertThat(store.finishedTrials("s", 0, 5)).containsExactly(done);
        assertThat(store.trials("s").get(1).intermediate()).hasSize(CURVE.length);
    }

    @Test
    public void reportsAreRefusedAfterTheFinishAndForStepsThatDoNotIncrease() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        store.report("s", n, new Intermediate(5, 0.9));
        assertThatThrownBy(() -> store.report("s", n, new Intermediate(5, 0.8))).isInstanceOf(StoreException.class)
                .isNotInstanceOf(TrialFinishedException.class)
                .hasMessage("trial 0 of study 's' reported step 5 after step 5: steps must increase");
        assertThatThrownBy(() -> store.report("s", n, new Intermediate(2, 0.8)))
                .hasMessage("trial 0 of study 's' reported step 2 after step 5: steps must increase");
        assertThatThrownBy(() -> store.report("s", 7, new Intermediate(0, 0.8))).isInstanceOf(StoreException.class)
                .hasMessage("study 's' has no trial 7");
        long reservedOnly = store.reserveTrial("s");
        assertThatThrownBy(() -> store.report("s", reservedOnly, new Intermediate(0, 0.8)))
                .hasMessage("study 's' has no trial " + reservedOnly);
        assertThatThrownBy(() -> store.report("nope", n, new Intermediate(6, 0.8))).isInstanceOf(StoreException.class);
        store.finishTrial("s", n, Outcome.fail("diverged"), T0.plusSeconds(3));
        assertThatThrownBy(() -> store.report("s", n, new Intermediate(6, 0.7))).isInstanceOf(TrialFinishedException.class)
                .hasMessage("trial 0 of study 's' is already finished (fail); it takes no more reports");
        Trial t = store.trial("s", n).orElseThrow();
        assertThat(t.intermediate()).containsExactly(new Intermediate(5, 0.9));
        assertThat(t.error()).isEqualTo("diverged");
    }

    @Test
    public void aPrunedTrialKeepsItsValuesAndAttachmentsWithoutLossOrError() {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        store.report("s", n, new Intermediate(1, 3.0));
        store.report("s", n, new Intermediate(2, 2.9));
        Trial pruned = store.finishTrial("s", n, Outcome.pruned(Map.of("epochs", 2L)), T0.plusSeconds(7));
        assertThat(pruned.state()).isEqualTo(TrialState.PRUNED);
        assertThat(pruned.isFinished()).isTrue();
        assertThat(pruned.loss()).isNaN();
        assertThat(pruned.error()).isNull();
        assertThat(pruned.attachments()).containsExactly(Map.entry("epochs", 2L));
        assertThat(pruned.finished()).isEqualTo(T0.plusSeconds(7));
        assertThat(pruned.intermediate()).containsExactly(new Intermediate(1, 3.0), new Intermediate(2, 2.9));
        assertThat(store.trials("s")).containsExactly(pruned);
        assertThat(store.finishedTrials("s", n, n)).containsExactly(pruned);
        assertThatThrownBy(() -> store.finishTrial("s", n, Outcome.ok(1), T0.plusSeconds(8)))
                .isInstanceOf(TrialFinishedException.class).hasMessageContaining("already finished (pruned)");
        assertThatThrownBy(() -> store.report("s", n, new Intermediate(3, 2.8))).isInstanceOf(TrialFinishedException.class);
        assertThat(store.trials("s")).containsExactly(pruned);
    }

    @Test
    public void queuedConfigurationsComeOutOldestFirstAndOnce() {
        store.openStudy("s", "fp", "tpe", 1);
        store.openStudy("t", "fp", "tpe", 1);
        assertThat(store.dequeue("s")).isEmpty();
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("x", 0.25);
        first.put("model", "svm");
        first.put("model.svm.C", 10L);
        store.enqueue("s", first);
        store.enqueue("s", Map.of("x", -1.5));
        store.enqueue("t", Map.of("x", 9.0));
        store.enqueue("s", Map.of("x", 3.0));
        assertThat(store.queued("s")).containsExactly(first, Map.of("x", -1.5), Map.of("x", 3.0));
        Map<String, Object> out = store.dequeue("s").orElseThrow();
        assertThat(out).isEqualTo(first);
        assertThat(out.keySet()).as("labels keep their order").containsExactly("x", "model", "model.svm.C");
        assertThat(store.queued("s")).containsExactly(Map.of("x", -1.5), Map.of("x", 3.0));
        assertThat(store.dequeue("s")).contains(Map.of("x", -1.5));
        store.enqueue("s", Map.of("x", 4.0));
        assertThat(store.dequeue("s")).contains(Map.of("x", 3.0));
        assertThat(store.dequeue("s")).contains(Map.of("x", 4.0));
        assertThat(store.dequeue("s")).isEmpty();
        assertThat(store.queued("s")).isEmpty();
        assertThat(store.queued("t")).containsExactly(Map.of("x", 9.0));
        assertThatThrownBy(() -> store.enqueue("nope", Map.of("x", 1.0))).isInstanceOf(StoreException.class)
                .hasMessageContaining("no study named 'nope'");
        assertThatThrownBy(() -> store.dequeue("nope")).isInstanceOf(StoreException.class);
    }

    @Test
    public void concurrentDequeuesHandEachConfigurationOutExactlyOnce() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        int configs = 120;
        for (int i = 0; i < configs; i++) store.enqueue("s", Map.of("i", (long) i));
        assertThat(dequeueConcurrently(List.of(store, store, store, store, store, store), "s"))
                .isEqualTo(java.util.stream.LongStream.range(0, configs).boxed().toList());
        assertThat(store.queued("s")).isEmpty();
    }

    /**
     * Lets every store take configurations of {@code study}, each from its own thread, all
     * starting together, until the queue is empty.
     *
     * @return the {@code i} label of every configuration handed out, sorted; a configuration
     *         handed out twice is there twice
     */
    protected static List<Long> dequeueConcurrently(List<? extends TrialStore> stores, String study) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(stores.size());
        CyclicBarrier start = new CyclicBarrier(stores.size());
        try {
            List<Future<List<Long>>> fs = new ArrayList<>();
            for (TrialStore s : stores) {
                fs.add(pool.submit(() -> {
                    List<Long> mine = new ArrayList<>();
                    start.await();
                    Optional<Map<String, Object>> c;
                    while ((c = s.dequeue(study)).isPresent()) mine.add((Long) c.get().get("i"));
                    return mine;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : fs) all.addAll(f.get(60, TimeUnit.SECONDS));
            Collections.sort(all);
            return all;
        } finally {
            pool.shutdownNow();
        }
    }
}
