package dev.hyperopt.example;

import dev.hyperopt.engine.spi.Family;
import dev.hyperopt.testing.FamilyContract;

import java.util.Map;

/** The example family against the contract every family keeps. */
class ExampleFamilyContractTest extends FamilyContract {

    @Override
    protected Family family() {
        return new ExampleFamily();
    }

    @Override
    protected String objectiveName() {
        return "example-knn";
    }

    @Override
    protected String objectiveSpace() {
        return "knn";
    }

    @Override
    protected Map<String, String> objectiveOptions() {
        return Map.of("n", "200", "seed", "1");
    }
}
