package dev.hyperopt.engine.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A study: a named series of trials over one space. The fingerprint identifies the space,
 * so a study cannot be resumed with a different one; the algorithm and seed are those the
 * study was created with, which a resumed run keeps.
 */
public record StudyInfo(String name, String spaceFingerprint, String algorithm, long seed, Instant created) {

    public StudyInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(spaceFingerprint, "spaceFingerprint");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(created, "created");
        if (name.isBlank()) throw new IllegalArgumentException("a study needs a name");
    }
}
