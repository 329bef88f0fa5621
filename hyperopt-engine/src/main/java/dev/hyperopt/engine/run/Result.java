package dev.hyperopt.engine.run;

import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.api.TrialState;
import dev.hyperopt.engine.store.StudyInfo;

import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a run leaves: every trial of the study in number order (those of earlier runs of a
 * resumed study included), why it stopped, and how long it took.
 */
public record Result(StudyInfo study, String algorithm, long seed, List<Trial> trials, StopReason stopReason,
                     Duration elapsed) {

    public Result {
        trials = List.copyOf(trials);
    }

    /** The ok trial with the lowest loss; the earliest one on a tie. Empty when no trial finished ok. */
    public Optional<Trial> best() {
        return best(trials);
    }

    static Optional<Trial> best(List<Trial> trials) {
        return trials.stream().filter(Trial::isOk)
                .min(Comparator.comparingDouble(Trial::loss).thenComparingLong(Trial::number));
    }

    /** How many trials ended in each state. */
    public Map<TrialState, Integer> counts() {
        Map<TrialState, Integer> m = new EnumMap<>(TrialState.class);
        for (TrialState s : TrialState.values()) m.put(s, 0);
        for (Trial t : trials) m.merge(t.state(), 1, Integer::sum);
        return m;
    }
}
