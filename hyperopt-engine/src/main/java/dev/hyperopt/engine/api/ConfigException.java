package dev.hyperopt.engine.api;

/** A configuration has no value of the asked type at the asked path; fails the trial with this message. */
public final class ConfigException extends IllegalArgumentException {
    public ConfigException(String message) {
        super(message);
    }
}
