package dev.hyperopt.weka;

import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.testing.FamilyContract;

import java.util.Map;

/** The Weka family against the contract every family keeps. */
class WekaFamilyContractTest extends FamilyContract {

    @Override
    protected Family family() {
        return new WekaFamily();
    }

    @Override
    protected String objectiveName() {
        return "weka";
    }

    @Override
    protected String objectiveSpace() {
        return "j48";
    }

    @Override
    protected Map<String, String> objectiveOptions() {
        return Map.of("data", "iris", "folds", "3");
    }

    @Override
    protected int trials() {
        return 3;
    }
}
