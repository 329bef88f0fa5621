package dev.hyperopt.engine.run;

import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialContext;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.MemoryTrialStore;
import dev.hyperopt.engine.store.TrialFinishedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class StudyTest {
    private static final SearchSpace BRANIN = TestSpaces.branin();

    @Test
    void askAndTellDriveAStudyTrialByTrial() {
        Study study = Hyperopt.study(BRANIN).name("by-hand").algorithm("tpe").seed(2).open();
        for (int i = 0; i < 30; i++) {
            TrialContext t = study.ask();
            assertThat(t.trial()).isEqualTo(i);
            study.tell(t.trial(), Outcome.ok(HyperoptTest.branin(t.config().getDouble("x"), t.config().getDouble("y"))));
        }
        assertThat(study.trials()).hasSize(30).allMatch(Trial::isOk);
        assertThat(study.best().orElseThrow().loss()).isLessThan(3);
        assertThatThrownBy(() -> study.tell(0, Outcome.ok(1))).isInstanceOf(TrialFinishedException.class);
    }

    @Test
    void askGivesWhatAnUninterruptedRunWouldHave() {
        Result run = Hyperopt.minimize(BRANIN, HyperoptTest.BRANIN_OBJECTIVE).algorithm("tpe").seed(4).maxEvals(25).run();
        Study study = Hyperopt.study(BRANIN).algorithm("tpe").seed(4).open();
        for (Trial expected : run.trials()) {
            TrialContext t = study.ask();
            assertThat(t.labels()).isEqualTo(expected.labels());
            study.tell(t.trial(), Outcome.ok(expected.loss()));
        }
    }

    @Test
    void reportsAreJudgedByThePrunerAndAPrunedTrialKeepsThem() {
        Study study = Hyperopt.study(BRANIN).pruner("above-one", c -> c.value() > 1).open();
        TrialContext t = study.ask();
        t.report(1, 0.5);
        assertThat(t.shouldPrune()).isFalse();
        t.report(2, 1.5);
        assertThat(t.shouldPrune()).isTrue();
        Trial done = study.tell(t.trial(), Outcome.pruned());
        assertThat(done.state()).isEqualTo(TrialState.PRUNED);
        assertThat(done.intermediate()).containsExactly(new Intermediate(1, 0.5), new Intermediate(2, 1.5));
    }

    @Test
    void queuedConfigurationsAreAskedFirstAndAddedResultsWarmTheStudyUp() {
        Study study = Hyperopt.study(BRANIN).open();
        Trial added = study.add(Map.of("x", Math.PI, "y", 2.275), Outcome.ok(0.3979), List.of(new Intermediate(1, 0.9)));
        assertThat(added.number()).isZero();
        assertThat(added.intermediate()).hasSize(1);
        study.enqueue(Map.of("x", 1.0, "y", 1.0));
        study.enqueue(Map.of("x", 2.0, "y", 2.0));
        assertThat(study.ask().labels()).isEqualTo(Map.of("x", 1.0, "y", 1.0));
        assertThat(study.ask().labels()).isEqualTo(Map.of("x", 2.0, "y", 2.0));
        assertThat(study.best().orElseThrow().number()).isZero();
        assertThatThrownBy(() -> study.enqueue(Map.of("x", 1.0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentAsksHandOutEachNumberAndEachQueuedConfigurationOnce() throws Exception {
        MemoryTrialStore store = new MemoryTrialStore();
        Study setup = Hyperopt.study(BRANIN).store(store).name("shared").algorithm("rand").open();
        for (int i = 0; i < 20; i++) setup.enqueue(Map.of("x", (double) i / 4, "y", 1.0));
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        Set<Long> numbers = ConcurrentHashMap.newKeySet();
        List<Thread> all = new ArrayList<>();
        List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int k = 0; k < threads; k++) {
            Thread th = new Thread(() -> {
                try {
                    Study s = Hyperopt.study(BRANIN).store(store).name("shared").algorithm("rand").open();
                    start.await();
                    for (int i = 0; i < 10; i++) {
                        TrialContext t = s.ask();
                        assertThat(numbers.add(t.trial())).isTrue();
                        s.tell(t.trial(), Outcome.ok(1));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            all.add(th);
            th.start();
        }
        for (Thread th : all) th.join();
        assertThat(errors).isEmpty();
        List<Trial> trials = store.trials("shared");
        assertThat(trials).hasSize(40).allMatch(Trial::isOk);
        Set<Object> queuedX = new HashSet<>();
        for (Trial t : trials) if (t.labels().get("y").equals(1.0) && (double) t.labels().get("x") * 4 % 1 == 0) queuedX.add(t.labels().get("x"));
        assertThat(queuedX).hasSize(20);
        assertThat(store.queued("shared")).isEmpty();
    }
}
