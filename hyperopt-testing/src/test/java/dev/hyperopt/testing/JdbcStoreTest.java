package dev.hyperopt.testing;

import dev.hyperopt.engine.api.Config;
import dev.hyperopt.engine.api.Intermediate;
import dev.hyperopt.engine.api.Outcome;
import dev.hyperopt.engine.api.Trial;
import dev.hyperopt.engine.store.SharedTrialStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the SQL stores add to the shared contract, seen in their tables: a trial held on
 * another machine waits for its lease to run out, a heartbeat keeps a lease alive, and
 * reported values, pruned trials and queued configurations are rows of schema version 2.
 */
/** A heartbeat or lease that never comes fails the test at this limit, not at a wall-time assertion. */
@Timeout(120)
abstract class JdbcStoreTest extends SharedTrialStoreContract {

    /** A plain connection to the store's database, to play a process on another machine. */
    protected abstract Connection raw() throws Exception;

    private static Trial running(long n, double x) {
        return Trial.running(n, new double[] {x}, Map.of("x", x), Config.of(Map.of("x", x)), Instant.now());
    }

    @Test
    void aTrialHeldOnAnotherMachineIsTakenOverOnlyOnceItsLeaseRunsOut() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (SharedTrialStore driver = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.5));
        }
        long until = clock.millis() + 700;
        try (Connection c = raw(); PreparedStatement p = c.prepareStatement(
                "UPDATE trials SET state = 'running', owner = 'elsewhere/1/1/x', lease_until = ? WHERE number = 0")) {
            p.setLong(1, until);
            assertThat(p.executeUpdate()).isEqualTo(1);
        }
        assertThat(shared().claim("s")).as("its lease runs").isEmpty();
        assertThat(shared().takeOver("s")).isEmpty();
        clock.advance(Duration.ofMillis(700));
        assertThat(shared().claim("s")).as("the lease ends with its last millisecond").isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(shared().claim("s")).map(Trial::number).contains(0L);
    }

    @Test
    void aHeartbeatKeepsALeaseAlive() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        try (SharedTrialStore driver = reopen(); SharedTrialStore w1 = reopen(); SharedTrialStore w2 = reopen()) {
            driver.handToWorkers();
            driver.startTrial("s", running(driver.reserveTrial("s"), 0.5));
            w1.lease(Duration.ofMillis(300));
            w2.lease(Duration.ofMillis(300));
            long claimed = clock.millis();
            assertThat(w1.claim("s")).isPresent();
            clock.advance(Duration.ofMillis(200));
            awaitLeaseUntil(claimed + 200 + 300);
            clock.advance(Duration.ofMillis(200)); // past the lease of the claim, within the renewed one
            assertThat(w2.claim("s")).as("w1's heartbeat renewed the lease").isEmpty();
        }
    }

    @Test
    void reportedValuesPrunedTrialsAndQueuedConfigurationsAreRowsOfTheirTables() throws Exception {
        store.openStudy("s", "fp", "tpe", 1);
        long n = store.reserveTrial("s");
        store.startTrial("s", running(n, 0.5));
        store.report("s", n, new Intermediate(1, 0.5));
        store.report("s", n, new Intermediate(2, 0.25));
        store.finishTrial("s", n, Outcome.pruned(), Instant.now());
        store.enqueue("s", Map.of("x", 0.5));
        try (Connection c = raw(); Statement st = c.createStatement()) {
            try (ResultSet r = st.executeQuery("SELECT state, loss, error FROM trials WHERE number = 0")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("pruned");
                assertThat(r.getObject(2)).isNull();
                assertThat(r.getObject(3)).isNull();
            }
            try (ResultSet r = st.executeQuery("SELECT number, step, value FROM intermediate_values ORDER BY step")) {
                for (double[] row : new double[][] {{0, 1, 0.5}, {0, 2, 0.25}}) {
                    assertThat(r.next()).isTrue();
                    assertThat(new double[] {r.getLong(1), r.getLong(2), r.getDouble(3)}).containsExactly(row);
                }
                assertThat(r.next()).isFalse();
            }
            try (ResultSet r = st.executeQuery("SELECT labels FROM queued_configs")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("{\"x\":0.5}");
            }
            assertThatThrownBy(() -> st.executeUpdate("UPDATE trials SET state = 'paused' WHERE number = 0"))
                    .as("the state's CHECK constraint still holds").isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO intermediate_values (study_id, number, step, value) VALUES (1, 99, 0, 1.0)"))
                    .as("a value belongs to a trial").isInstanceOf(SQLException.class);
        }
    }

    /**
     * Waits, without ordering anything by the wall clock, until a heartbeat has renewed trial 0's
     * lease to {@code until}; a heartbeat that never comes ends the test at its time-out.
     */
    private void awaitLeaseUntil(long until) throws Exception {
        try (Connection c = raw(); PreparedStatement p = c.prepareStatement("SELECT lease_until FROM trials WHERE number = 0")) {
            while (true) {
                try (ResultSet r = p.executeQuery()) {
                    assertThat(r.next()).isTrue();
                    if (r.getLong(1) >= until) return;
                }
                Thread.sleep(2);  // between looks at the table; the heartbeat decides when it changes
            }
        }
    }
}
