package dev.hyperopt.weka;

import dev.hyperopt.engine.ensemble.EnsembleSelection;
import dev.hyperopt.weka.objective.Metric;
import dev.hyperopt.weka.objective.OutOfFold;
import dev.hyperopt.weka.objective.WekaObjective.Scored;
import org.junit.jupiter.api.Test;
import weka.core.Attribute;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class WekaEnsembleTest {
    private static final Attribute CLASS = new Attribute("class", List.of("a", "b"));
    private static final int[] Y = {0, 0, 1, 1};

    /** Right on every row, but barely: error 0, Brier score 0.405. */
    private static final Scored TIMID = new Scored(0, null, 0.0, new OutOfFold(new double[][]{
            {0.55, 0.45}, {0.55, 0.45}, {0.45, 0.55}, {0.45, 0.55}}, Y));
    /** Sure and right on three rows, a little wrong on the fourth: error 0.25, Brier score 0.18. */
    private static final Scored SURE = new Scored(1, null, 0.25, new OutOfFold(new double[][]{
            {1, 0}, {1, 0}, {0, 1}, {0.6, 0.4}}, Y));

    @Test
    void forTheErrorRateTheSelectionClimbsOnTheBrierScoreAndReportsBoth() {
        WekaEnsemble.Selection s = WekaEnsemble.select(List.of(TIMID, SURE), Metric.ERROR_RATE, CLASS, 10, TIMID);
        assertThat(s.selectedBy()).isEqualTo("brier");
        // By the error rate TIMID alone is best; the Brier score starts from SURE and adds a little TIMID.
        assertThat(s.ensemble().weights()).isEqualTo(Map.of(1L, 6, 0L, 1));
        double[][] mean = new double[4][2];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 2; j++) mean[i][j] = (6 * SURE.outOfFold().distributions()[i][j] + TIMID.outOfFold().distributions()[i][j]) / 7;
        }
        assertThat(s.ensemble().loss()).isCloseTo(EnsembleSelection.brierScore(Y).applyAsDouble(mean), within(1e-12)).isLessThan(0.18);
        assertThat(s.bestAloneSelected()).isCloseTo(0.405, within(1e-12));
        // Its error rate, reported beside it, is SURE's: the fourth row stays wrong.
        assertThat(s.outOfFoldLoss()).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void otherMetricsAreClimbedOnThemselves() {
        WekaEnsemble.Selection s = WekaEnsemble.select(List.of(TIMID, SURE), Metric.LOG_LOSS, CLASS, 10, TIMID);
        assertThat(s.selectedBy()).isEqualTo("logloss");
        assertThat(s.outOfFoldLoss()).isEqualTo(s.ensemble().loss());
        assertThat(s.bestAloneSelected()).isCloseTo(-Math.log(0.55), within(1e-12));
    }

    @Test
    void fewerThanTwoTrialsMakeNoSelection() {
        assertThat(WekaEnsemble.select(List.of(TIMID), Metric.ERROR_RATE, CLASS, 10, TIMID)).isNull();
    }
}
