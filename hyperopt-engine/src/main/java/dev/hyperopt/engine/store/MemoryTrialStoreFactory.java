package dev.hyperopt.engine.store;

/** {@code memory:}: a new empty store each time; nothing outlives the process. */
public final class MemoryTrialStoreFactory implements TrialStoreFactory {
    @Override
    public TrialStore open(StoreUrl url) {
        if (!url.rest().isEmpty()) {
            throw new StoreException("store URL '" + url + "': the memory store takes nothing after 'memory:'");
        }
        return new MemoryTrialStore();
    }
}
