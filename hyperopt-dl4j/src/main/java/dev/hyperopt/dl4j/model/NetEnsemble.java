package dev.hyperopt.dl4j.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Trained nets as one DL4J {@link ComputationGraph} on raw inputs: each member's layers (its
 * preprocessing folded into the first, as {@link TrainedNet#save} does), its softmax output
 * scaled by its weight, and the sum of those, the ensemble's class probabilities, as the
 * graph's output. {@code ModelSerializer.restoreComputationGraph} loads it; its
 * {@code outputSingle(x)} gives the probabilities. It predicts; it is not meant to be trained.
 */
public final class NetEnsemble {
    private NetEnsemble() {}

    /**
     * @param weights each member's share, summing to 1
     * @throws IllegalArgumentException for fewer than two members or a weight per member missing
     */
    public static ComputationGraph graph(List<TrainedNet> members, List<Double> weights) {
        if (members.size() < 2 || weights.size() != members.size()) {
            throw new IllegalArgumentException("an ensemble needs two members or more, each with a weight");
        }
        List<MultiLayerNetwork> folded = new ArrayList<>();
        for (TrainedNet t : members) folded.add(t.foldPreprocessing());
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT).graphBuilder()
                .addInputs("input");
        String[] scaled = new String[folded.size()];
        for (int m = 0; m < folded.size(); m++) {
            MultiLayerNetwork net = folded.get(m);
            String previous = "input";
            for (int i = 0; i < net.getnLayers(); i++) {
                String name = layerName(m, i);
                g.addLayer(name, net.getLayerWiseConfigurations().getConf(i).getLayer().clone(), previous);
                previous = name;
            }
            scaled[m] = "member" + m;
            g.addVertex(scaled[m], new ScaleVertex(weights.get(m)), previous);
        }
        g.addVertex("probabilities", new ElementWiseVertex(ElementWiseVertex.Op.Add), scaled);
        g.setOutputs("probabilities");
        g.validateOutputLayerConfig(false);
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        for (int m = 0; m < folded.size(); m++) {
            MultiLayerNetwork net = folded.get(m);
            for (int i = 0; i < net.getnLayers(); i++) {
                Layer to = graph.getLayer(layerName(m, i));
                for (Map.Entry<String, INDArray> p : net.getLayer(i).paramTable().entrySet()) to.setParam(p.getKey(), p.getValue().dup());
            }
        }
        return graph;
    }

    private static String layerName(int member, int layer) {
        return "m" + member + "_" + layer;
    }
}
