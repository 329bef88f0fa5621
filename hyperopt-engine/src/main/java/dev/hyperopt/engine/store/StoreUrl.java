package dev.hyperopt.engine.store;

import java.util.Locale;

/**
 * A store location as users write it: {@code memory:}, {@code sqlite:PATH},
 * {@code postgresql://[user@]host[:port]/db}. The scheme picks the backend; the rest is
 * the backend's own business.
 */
public record StoreUrl(String scheme, String rest, String text) {

    public static StoreUrl parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("store URL '" + text
                    + "' has no scheme; write memory:, sqlite:PATH or postgresql://host/db");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
            throw new IllegalArgumentException("store URL '" + text + "' has an invalid scheme '" + text.substring(0, colon) + "'");
        }
        return new StoreUrl(scheme, text.substring(colon + 1), text);
    }

    @Override
    public String toString() {
        return text;
    }
}
