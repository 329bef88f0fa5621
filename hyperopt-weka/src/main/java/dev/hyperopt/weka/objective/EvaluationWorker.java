package dev.hyperopt.weka.objective;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import dev.hyperopt.weka.Pipeline;
import dev.hyperopt.weka.WekaBootstrap;
import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.SerializationHelper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The program a child JVM runs to score trials: it speaks the engine's objective protocol
 * (one {@code {"trial", "config", "labels"}} line in, one {@code {"loss": ...}} line out)
 * over the training data it was started with. Under cross-validation it reports the loss of
 * each fold as it is done ({@code {"report": {"step": fold, "value": loss}}}) and stops the
 * trial as pruned when the engine's pruner answers so. Running Weka in its own process is what
 * makes the trial time-out real: Weka's training loops never look at thread interrupts,
 * so the only sure way to stop a runaway build is to kill the process, which the engine's
 * command objective does and then starts a fresh one. The JVM's heap limit is the trial's
 * memory limit; a trial that runs out fails with that reason and the process is replaced.
 *
 * <p>Arguments: {@code DATA-FILE METRIC FOLDS HOLDOUT SEED}, where DATA-FILE holds the
 * serialized {@code Instances} with the class set and HOLDOUT is {@code NaN} for
 * cross-validation.
 */
public final class EvaluationWorker {
    private EvaluationWorker() {}

    public static void main(String[] args) throws Exception {
        WekaBootstrap.init();
        // Only protocol replies go to the real standard output; anything Weka prints goes to standard error.
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 5) {
            System.err.println("usage: EvaluationWorker DATA-FILE METRIC FOLDS HOLDOUT SEED");
            System.exit(2);
        }
        Instances data = (Instances) SerializationHelper.read(args[0]);
        EvaluationSettings settings = new EvaluationSettings(Metric.byId(args[1]), Integer.parseInt(args[2]),
                Double.parseDouble(args[3]), Long.parseLong(args[4]));
        String heap = Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
        ObjectMapper json = JsonMapper.builder().enable(DeserializationFeature.USE_LONG_FOR_INTS).build();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) continue;
            Map<String, Object> reply = new LinkedHashMap<>();
            boolean exit = false;
            try {
                JsonNode request = json.readTree(line);
                Object config = json.convertValue(request.get("config"), Object.class);
                Pipeline p = Pipeline.of(config);
                reply.put("attachments", Map.of("command", p.commandLine()));
                Classifier c = p.newClassifier();
                CrossValidation.Score score = CrossValidation.evaluate(c, data, settings, (fold, foldLoss) -> {
                    if (!Double.isFinite(foldLoss)) return false; // undefined on this fold (an AUC with one class): nothing to report
                    protocol.println(json.writeValueAsString(Map.of("report", Map.of("step", fold, "value", foldLoss))));
                    protocol.flush();
                    String answer = in.readLine();
                    if (answer == null) throw new java.io.EOFException("the engine closed the protocol");
                    return json.readTree(answer).path("prune").asBoolean(false);
                });
                if (score.stopped()) {
                    reply.put("status", "pruned");
                } else if (!Double.isFinite(score.loss())) {
                    reply.put("status", "fail");
                    reply.put("error", settings.metric().id() + " is undefined for this model's predictions");
                } else {
                    reply.put("loss", score.loss());
                }
                Map<String, Object> att = new LinkedHashMap<>();
                att.put("command", p.commandLine());
                att.putAll(score.measures());
                if (score.outOfFold() != null && !score.stopped()) att.put(OutOfFold.KEY, score.outOfFold().toAttachment());
                reply.put("attachments", att);
            } catch (OutOfMemoryError e) {
                reply.put("status", "fail");
                reply.put("error", "out of memory (the trial's limit is " + heap + ")");
                exit = true;
            } catch (StackOverflowError e) {
                reply.put("status", "fail");
                reply.put("error", "stack overflow while training");
            } catch (Exception | LinkageError e) {
                reply.put("status", "fail");
                reply.put("error", describe(e));
            }
            protocol.println(json.writeValueAsString(reply));
            protocol.flush();
            if (exit) System.exit(3);
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && (t.getMessage() == null || t.getMessage().isBlank())) t = t.getCause();
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) return name;
        String first = m.lines().map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(m);
        return t instanceof IllegalArgumentException ? first : name + ": " + first;
    }
}
