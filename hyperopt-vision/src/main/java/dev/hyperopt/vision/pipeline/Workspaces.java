package dev.hyperopt.vision.pipeline;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J frees an array's native memory only when the Java garbage collector collects the
 * array, and the small Java objects of large arrays rarely make it run: a loop over batches
 * or training steps would otherwise pile up gigabytes of dead native buffers. Each loop
 * iteration runs in a workspace instead, whose memory the next iteration reuses; only
 * arrays allocated outside it (results, parameters) survive it.
 */
final class Workspaces {
    private static final WorkspaceConfiguration LOOP = WorkspaceConfiguration.builder()
            .policyAllocation(AllocationPolicy.OVERALLOCATE).overallocationLimit(0.2)
            .policyLearning(LearningPolicy.FIRST_LOOP).policySpill(SpillPolicy.REALLOCATE).build();

    private Workspaces() {}

    /** Opens the loop workspace {@code id} of this thread for one iteration. */
    static MemoryWorkspace iteration(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(LOOP, id);
    }

    /** Frees the workspace {@code id} of this thread once its loop is done. */
    static void release(String id) {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
            Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
        }
    }
}
