package dev.hyperopt.testing;

import dev.hyperopt.engine.store.MemoryTrialStoreFactory;
import dev.hyperopt.engine.store.SharedTrialStore;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StoreUrl;
import dev.hyperopt.engine.store.TrialStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryTrialStoreTest extends TrialStoreContract {

    @Override
    protected TrialStore openStore() {
        return new MemoryTrialStoreFactory().open(StoreUrl.parse("memory:"));
    }

    @Test
    void isUnusableOnceClosed() {
        store.openStudy("s", "fp", "tpe", 1);
        store.close();
        assertThatThrownBy(() -> store.trials("s")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void eachMemoryUrlIsAFreshStore() {
        store.openStudy("s", "fp", "tpe", 1);
        try (TrialStore other = new MemoryTrialStoreFactory().open(StoreUrl.parse("memory:"))) {
            assertThat(other.studies()).isEmpty();
        }
    }

    @Test
    void livesInOneProcessSoCannotServeWorkers() {
        assertThat(store).isNotInstanceOf(SharedTrialStore.class);
        assertThatThrownBy(() -> SharedTrialStore.of(store, "memory:")).isInstanceOf(StoreException.class)
                .hasMessage("the memory: store lives in one process; workers need a shared store (sqlite: or postgresql:)");
    }

    @Test
    void storeUrlsNameTheirScheme() {
        assertThat(StoreUrl.parse("sqlite:runs/h.db").scheme()).isEqualTo("sqlite");
        assertThat(StoreUrl.parse("sqlite:runs/h.db").rest()).isEqualTo("runs/h.db");
        assertThat(StoreUrl.parse("postgresql://me@db:5432/h").scheme()).isEqualTo("postgresql");
        assertThatThrownBy(() -> StoreUrl.parse("hyperopt.db")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> new MemoryTrialStoreFactory().open(StoreUrl.parse("memory:x"))).isInstanceOf(StoreException.class);
    }
}
