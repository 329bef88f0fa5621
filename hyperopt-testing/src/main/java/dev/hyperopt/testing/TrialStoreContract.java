package dev.hyperopt.testing;

import dev.hyperopt.engine.api.Config;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link TrialStore} must do with the life of trials: studies, numbers reserved
 * once, trials started and finished once, history in number order. A backend's test
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
}
