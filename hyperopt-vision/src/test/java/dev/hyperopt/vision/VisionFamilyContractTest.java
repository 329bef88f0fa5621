package dev.hyperopt.vision;

import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.testing.FamilyContract;

import java.util.Map;

/** The vision family against the contract every family keeps. */
class VisionFamilyContractTest extends FamilyContract {

    @Override
    protected Family family() {
        return new VisionFamily();
    }

    @Override
    protected String objectiveName() {
        return "cnn";
    }

    @Override
    protected String objectiveSpace() {
        return "cnn";
    }

    @Override
    protected Map<String, String> objectiveOptions() {
        return Map.of("data", "rectangles", "train-size", "100", "valid-size", "50", "test-size", "50", "max-seconds", "2");
    }

    @Override
    protected int trials() {
        return 2;
    }
}
