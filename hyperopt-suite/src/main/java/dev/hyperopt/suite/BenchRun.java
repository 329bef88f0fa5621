package dev.hyperopt.suite;

import java.util.List;
import java.util.Map;

/**
 * One optimizer run on one problem with one seed: the best-so-far observed loss at each
 * checkpoint and, for noisy problems, the noise-free loss of the incumbent (the trial with
 * the lowest observed loss so far, ties to the earliest).
 */
public record BenchRun(String problem, String algo, long seed, int budget, int nEvals, List<Integer> checkpoints,
                       double[] best, double[] incumbentTrue, double finalBestLoss, int finalBestIndex,
                       Map<String, Object> finalBestParams, double wallSeconds) {
}
