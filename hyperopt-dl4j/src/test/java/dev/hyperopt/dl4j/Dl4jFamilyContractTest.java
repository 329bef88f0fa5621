package dev.hyperopt.dl4j;

import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.testing.FamilyContract;

import java.util.Map;

/** The DL4J family against the contract every family keeps. */
class Dl4jFamilyContractTest extends FamilyContract {

    @Override
    protected Family family() {
        return new Dl4jFamily();
    }

    @Override
    protected String objectiveName() {
        return "dl4j";
    }

    @Override
    protected String objectiveSpace() {
        return "mlp";
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
