package dev.hyperopt.dsl.print;

import dev.hyperopt.dsl.HSpaceCompiler;
import dev.hyperopt.dsl.ir.Node;
import dev.hyperopt.dsl.ir.SearchSpace;
import dev.hyperopt.dsl.ir.Spaces;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.hyperopt.dsl.ir.Spaces.dict;
import static org.assertj.core.api.Assertions.assertThat;

class GraphExporterTest {

    private static final Pattern VERTEX = Pattern.compile("^  (n\\d+) \\[(.*), label=\"((?:[^\"\\\\]|\\\\.)*)\"\\];$", Pattern.MULTILINE);
    private static final Pattern EDGE = Pattern.compile("^  (n\\d+) -> (n\\d+)(?: \\[label=\"((?:[^\"\\\\]|\\\\.)*)\"\\])?;$", Pattern.MULTILINE);

    private static SearchSpace example() throws IOException {
        return new HSpaceCompiler().compile("contract-example.hspace", HSpacePrinterTest.resource("contract-example.hspace")).orThrow();
    }

    /** A let used in two branches of a choice and once outside it. */
    private static SearchSpace shared() {
        Node lr = Spaces.let("lr", Spaces.loguniform(1e-4, 0.1));
        return Spaces.space(dict()
                .put("lr", lr)
                .put("opt", Spaces.namedChoice()
                        .branch("sgd", dict().put("rate", lr))
                        .branch("adam", dict().put("rate", lr).put("beta", Spaces.uniform(0.8, 0.99))))
                .put("note", "say \"hi\""));
    }

    private static Map<String, String> vertices(String dot) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        Matcher m = VERTEX.matcher(dot);
        while (m.find()) out.put(m.group(1), m.group(3));
        return out;
    }

    private static List<String[]> edges(String dot) {
        List<String[]> out = new ArrayList<>();
        Matcher m = EDGE.matcher(dot);
        while (m.find()) out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        return out;
    }

    private static int distinctNodes(Node root) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Node> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            Node n = todo.remove(todo.size() - 1);
            if (seen.add(n)) todo.addAll(Graph.children(n));
        }
        return seen.size();
    }

    @Test
    void dotHasOneVertexPerNodeAndEveryLineIsAVertexOrAnEdge() throws IOException {
        SearchSpace space = example();
        String dot = GraphExporter.dot(space);
        assertThat(dot).startsWith("digraph space {\n").endsWith("}\n");
        Map<String, String> vertices = vertices(dot);
        List<String[]> edges = edges(dot);
        assertThat(vertices).hasSize(distinctNodes(space.root())).containsKey("n0");
        // a tree apart from lets: one edge into every vertex but the root
        assertThat(edges).hasSize(vertices.size() - 1);
        for (String[] e : edges) assertThat(vertices).containsKeys(e[0], e[1]);
        long lines = dot.lines().filter(l -> l.matches("  n\\d+ .*")).count();
        assertThat(lines).isEqualTo(vertices.size() + edges.size());
    }

    @Test
    void hyperparametersShowLabelIndexAndPriorAndChoiceEdgesTheirOption() throws IOException {
        String dot = GraphExporter.dot(example());
        Map<String, String> v = vertices(dot);
        assertThat(v.values()).contains(
                "lr #0\\nloguniform(1e-5, 0.1)",
                "let lr",
                "optimizer.adam.beta1 #8\\nuniform(0.8, 0.999)",
                "optimizer #6\\nchoice {}",
                "dropout #9\\npchoice()",
                "layers #5\\nchoice()",
                "\\\"run-a\\\"",
                "**",
                "int()");
        List<String> labels = new ArrayList<>();
        for (String[] e : edges(dot)) labels.add(e[2]);
        assertThat(labels).contains("sgd", "adam", "0", "1", "2", "0 (p=0.3)", "1 (p=0.7)", "learning_rate", "[0]", "left", "right");
    }

    @Test
    void aSharedLetIsDrawnOnceWithAnEdgeFromEachUse() {
        String dot = GraphExporter.dot(shared());
        Map<String, String> v = vertices(dot);
        List<String> lets = new ArrayList<>();
        for (Map.Entry<String, String> e : v.entrySet()) if (e.getValue().equals("let lr")) lets.add(e.getKey());
        assertThat(lets).hasSize(1);
        long incoming = edges(dot).stream().filter(e -> e[1].equals(lets.get(0))).count();
        assertThat(incoming).isEqualTo(3);
        assertThat(v.values()).contains("\\\"say \\\\\\\"hi\\\\\\\"\\\"");
    }

    @Test
    @SuppressWarnings("unchecked")
    void treeListsHyperparametersWithPriorsAndConditions() throws IOException {
        Map<String, Object> tree = GraphExporter.tree(example());
        List<Map<String, Object>> hps = (List<Map<String, Object>>) tree.get("hyperparameters");
        assertThat(hps).hasSize(12);
        Map<String, Object> lr = hps.get(0);
        assertThat(lr).containsEntry("label", "lr").containsEntry("index", 0).containsEntry("kind", "param")
                .containsEntry("distribution", "loguniform").containsEntry("type", "float")
                .containsEntry("parameters", Map.of("low", 1e-5, "high", 0.1))
                .containsEntry("condition", List.of());
        Map<String, Object> batch = find(hps, "batch_size");
        assertThat(batch).containsEntry("distribution", "randint").containsEntry("parameters", Map.of("low", 4L, "high", 9L));
        assertThat(find(hps, "units")).containsEntry("parameters", Map.of("low", 16.0, "high", 512.0, "q", 16.0));
        assertThat(find(hps, "l2")).containsEntry("parameters", Map.of("mu", 0.0, "sigma", 1.0));
        assertThat(find(hps, "optimizer")).containsEntry("kind", "choice").containsEntry("choice", "named")
                .containsEntry("options", List.of("sgd", "adam")).containsEntry("weights", List.of(0.5, 0.5));
        assertThat(find(hps, "dropout")).containsEntry("distribution", "pchoice")
                .containsEntry("options", List.of(0L, 1L)).containsEntry("weights", List.of(0.3, 0.7));
        assertThat(find(hps, "optimizer.adam.beta1"))
                .containsEntry("condition", List.of(Map.of("choice", "optimizer", "option", "adam")));
        assertThat(find(hps, "dropout[1]")).containsEntry("condition", List.of(Map.of("choice", "dropout", "option", 1L)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aSharedHyperparameterHasOneConditionPerPlace() {
        Map<String, Object> tree = GraphExporter.tree(shared());
        List<Map<String, Object>> hps = (List<Map<String, Object>>) tree.get("hyperparameters");
        assertThat(find(hps, "lr")).containsEntry("condition", List.of());
        assertThat(find(hps, "opt.adam.beta")).containsEntry("condition", List.of(Map.of("choice", "opt", "option", "adam")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void treeGraphHasNodesWithIdsAndKindsAndEdgesBetweenThem() throws IOException {
        SearchSpace space = example();
        Map<String, Object> graph = (Map<String, Object>) GraphExporter.tree(space).get("graph");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) graph.get("nodes");
        List<Map<String, Object>> edges = (List<Map<String, Object>>) graph.get("edges");
        assertThat(graph.get("root")).isEqualTo("n0");
        assertThat(nodes).hasSize(distinctNodes(space.root()));
        Set<Object> ids = new HashSet<>();
        Set<Object> kinds = new HashSet<>();
        for (Map<String, Object> n : nodes) {
            assertThat(ids.add(n.get("id"))).isTrue();
            kinds.add(n.get("kind"));
        }
        assertThat(kinds).containsExactlyInAnyOrder("dict", "list", "literal", "param", "choice", "binary", "call", "let");
        for (Map<String, Object> e : edges) assertThat(ids).contains(e.get("from"), e.get("to"));
        assertThat(edges).anySatisfy(e -> assertThat(e).containsEntry("label", "0 (p=0.3)").containsEntry("weight", 0.3)
                .containsEntry("option", 0L));
        assertThat(nodes.get(0)).containsEntry("kind", "dict");
        assertThat((List<Object>) nodes.get(0).get("keys")).startsWith("learning_rate", "batch_size");
    }

    @Test
    void treeHoldsOnlyJsonValues() throws IOException {
        assertJson(GraphExporter.tree(example()));
        assertJson(GraphExporter.tree(shared()));
    }

    private static void assertJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                assertThat(e.getKey()).isInstanceOf(String.class);
                assertJson(e.getValue());
            }
        } else if (v instanceof List<?> l) {
            for (Object o : l) assertJson(o);
        } else if (v != null) {
            assertThat(v).isInstanceOfAny(String.class, Long.class, Integer.class, Double.class, Boolean.class);
            if (v instanceof Double d) assertThat(d).isFinite();
        }
    }

    private static Map<String, Object> find(List<Map<String, Object>> hps, String label) {
        for (Map<String, Object> h : hps) if (label.equals(h.get("label"))) return h;
        throw new AssertionError("no hyperparameter " + label);
    }
}
