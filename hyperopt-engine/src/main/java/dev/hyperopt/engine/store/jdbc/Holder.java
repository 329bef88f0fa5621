package dev.hyperopt.engine.store.jdbc;

import java.time.Clock;
import java.time.Duration;

/**
 * This store as a holder of trials: who it is in the {@code owner} column, how long its
 * leases last by its clock, and whether the trials it starts go to workers.
 */
final class Holder {
    private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

    final Owner me = Owner.current();
    final String owner = me.text();
    private final Clock clock;
    private volatile long leaseMs = DEFAULT_LEASE.toMillis();
    private volatile boolean handsToWorkers;

    Holder(Clock clock) {
        this.clock = clock;
    }

    long now() {
        return clock.millis();
    }

    long leaseMs() {
        return leaseMs;
    }

    void leaseMs(long ms) {
        leaseMs = ms;
    }

    /** When a lease taken or renewed now runs out. */
    long leaseEnd() {
        return now() + leaseMs;
    }

    boolean handsToWorkers() {
        return handsToWorkers;
    }

    void handToWorkers() {
        handsToWorkers = true;
    }

    /** Whether nobody alive holds a row held by {@code holder} until {@code leaseUntil}: its lease ran out or its process is gone. */
    boolean gone(String holder, long leaseUntil, long now) {
        if (holder == null) return true;
        if (holder.equals(owner)) return false;
        return leaseUntil < now || Owner.deadHere(holder, me);
    }
}
