package dev.hyperopt.engine.api;

import dev.hyperopt.engine.TestSpaces;
import dev.hyperopt.engine.space.Assignment;
import dev.hyperopt.engine.space.SpaceEvaluator;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigTest {

    private static Config sample() {
        Map<String, Object> adam = new LinkedHashMap<>();
        adam.put("lr", 0.001);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("optimizer", Map.of("adam", adam));
        root.put("epochs", 30L);
        root.put("width", 64.0);
        root.put("name", "net");
        root.put("shuffle", true);
        root.put("layers", List.of(Map.of("units", 128L), Map.of("units", 32L)));
        root.put("nothing", null);
        return Config.of(root);
    }

    @Test
    void readsTypedValuesByPath() {
        Config c = sample();
        assertThat(c.getDouble("optimizer.adam.lr")).isEqualTo(0.001);
        assertThat(c.getInt("epochs")).isEqualTo(30);
        assertThat(c.getDouble("epochs")).isEqualTo(30.0);
        assertThat(c.getInt("width")).isEqualTo(64);
        assertThat(c.getString("name")).isEqualTo("net");
        assertThat(c.getBoolean("shuffle")).isTrue();
        assertThat(c.getLong("layers[1].units")).isEqualTo(32);
        assertThat(c.getList("layers")).hasSize(2);
        assertThat(c.getConfig("layers[0]").getInt("units")).isEqualTo(128);
        assertThat(c.has("nothing")).isTrue();
        assertThat(c.get("nothing")).isNull();
        assertThat(c.has("missing")).isFalse();
        assertThat(c.keys()).containsExactly("optimizer", "epochs", "width", "name", "shuffle", "layers", "nothing");
    }

    @Test
    void tellsTheBranchOfANamedChoice() {
        Config c = sample();
        assertThat(c.branch("optimizer")).isEqualTo("adam");
        assertThat(c.getConfig("optimizer").branch()).isEqualTo("adam");
    }

    @Test
    void explainsWhatIsWrong() {
        Config c = sample();
        assertThatThrownBy(() -> c.getDouble("lr")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has no key 'lr'");
        assertThatThrownBy(() -> c.getDouble("name")).hasMessage("'name' is the string \"net\", not a number");
        assertThatThrownBy(() -> c.getInt("optimizer.adam.lr")).hasMessageContaining("not an integer");
        assertThatThrownBy(() -> c.getLong("layers[5].units")).hasMessageContaining("has 2 items, no [5]");
        assertThatThrownBy(() -> c.getString("epochs.x")).hasMessageContaining("'epochs' is not a map");
        assertThatThrownBy(() -> c.branch("layers")).hasMessageContaining("not a named choice");
    }

    @Test
    void isImmutable() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1L);
        Config c = Config.of(m);
        m.put("a", 2L);
        assertThat(c.getLong("a")).isEqualTo(1);
        assertThatThrownBy(() -> ((Map<String, Object>) c.value()).put("b", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void wrapsWhatTheSpaceEvaluatorProduces() {
        var space = TestSpaces.conditional();
        Config c = Config.of(SpaceEvaluator.evaluate(Assignment.fromLabels(space, Map.of("model", "tree", "model.tree.depth", 5, "lr", 0.5))));
        assertThat(c.branch("model")).isEqualTo("tree");
        assertThat(c.getInt("model.tree.depth")).isEqualTo(5);
        assertThat(c.getDouble("lr")).isEqualTo(0.5);
    }
}
