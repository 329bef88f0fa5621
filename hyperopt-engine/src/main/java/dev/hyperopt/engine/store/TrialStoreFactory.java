package dev.hyperopt.engine.store;

/**
 * Opens a store from its URL. Factories are bound in Guice by URL scheme ({@code memory},
 * {@code sqlite}, {@code postgresql}), so a backend is added by binding one more.
 */
public interface TrialStoreFactory {

    /**
     * @param url the whole URL, for example {@code sqlite:runs/hyperopt.db}
     * @throws StoreException when the store cannot be opened
     */
    TrialStore open(StoreUrl url);
}
