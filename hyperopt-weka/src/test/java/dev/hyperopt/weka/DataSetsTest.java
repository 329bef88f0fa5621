package dev.hyperopt.weka;

import dev.hyperopt.weka.data.DataSets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import weka.core.Instances;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataSetsTest {

    @Test
    void builtInDataSetsLoadByName() {
        Instances credit = DataSets.withClass(DataSets.load("credit-g"), null, "credit-g");
        assertThat(credit.numInstances()).isEqualTo(1000);
        assertThat(credit.classAttribute().name()).isEqualTo("class");
        assertThat(DataSets.load("iris").numInstances()).isEqualTo(150);
    }

    @Test
    void csvFilesLoadAndTheClassIsChosenByNamePositionOrIndex(@TempDir Path dir) throws Exception {
        Path csv = Files.writeString(dir.resolve("d.csv"), "colour,size,label\nred,1.5,a\nblue,2.5,b\nred,?,a\ngreen,3,?\n");
        Instances d = DataSets.load(csv.toString());
        assertThat(d.numAttributes()).isEqualTo(3);
        Instances last = DataSets.withClass(d, "last", "d.csv");
        assertThat(last.classAttribute().name()).isEqualTo("label");
        assertThat(last.numInstances()).as("the row without a class is dropped").isEqualTo(3);
        assertThat(DataSets.withClass(d, "first", "d.csv").classAttribute().name()).isEqualTo("colour");
        assertThat(DataSets.withClass(d, "size", "d.csv").classAttribute().isNumeric()).isTrue();
        assertThat(DataSets.withClass(d, "2", "d.csv").classAttribute().name()).isEqualTo("size");
        assertThatThrownBy(() -> DataSets.withClass(d, "weight", "d.csv"))
                .hasMessage("d.csv has no attribute 'weight' to use as the class (attributes: colour, size, label)");
    }

    @Test
    void aHoldoutKeepsTheClassProportions() {
        Instances credit = DataSets.withClass(DataSets.load("credit-g"), "last", "credit-g");
        Instances[] parts = DataSets.split(credit, 0.3, 4);
        assertThat(parts[0].numInstances()).isEqualTo(700);
        assertThat(parts[1].numInstances()).isEqualTo(300);
        int bad = 0;
        for (int i = 0; i < parts[1].numInstances(); i++) if (parts[1].instance(i).stringValue(parts[1].classIndex()).equals("bad")) bad++;
        assertThat(bad).isEqualTo(90);
        Instances[] again = DataSets.split(credit, 0.3, 4);
        assertThat(again[1].toString()).isEqualTo(parts[1].toString());
        assertThat(DataSets.split(credit, 0.3, 5)[1].toString()).isNotEqualTo(parts[1].toString());
    }
}
