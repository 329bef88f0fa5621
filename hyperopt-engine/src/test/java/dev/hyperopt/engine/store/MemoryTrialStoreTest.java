package dev.hyperopt.engine.store;

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
    void storeUrlsNameTheirScheme() {
        assertThat(StoreUrl.parse("sqlite:runs/h.db").scheme()).isEqualTo("sqlite");
        assertThat(StoreUrl.parse("sqlite:runs/h.db").rest()).isEqualTo("runs/h.db");
        assertThat(StoreUrl.parse("postgresql://me@db:5432/h").scheme()).isEqualTo("postgresql");
        assertThatThrownBy(() -> StoreUrl.parse("hyperopt.db")).hasMessageContaining("no scheme");
        assertThatThrownBy(() -> new MemoryTrialStoreFactory().open(StoreUrl.parse("memory:x"))).isInstanceOf(StoreException.class);
    }
}
