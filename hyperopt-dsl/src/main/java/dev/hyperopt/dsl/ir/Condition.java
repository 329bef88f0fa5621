package dev.hyperopt.dsl.ir;

import java.util.List;

/**
 * When a hyperparameter is active: always, or when at least one of its enclosing choices
 * has the option that contains it. Each {@link Atom} names the nearest enclosing choice
 * only; that choice is itself inactive (NaN) unless its own condition holds, so checking
 * the nearest one is enough. A hyperparameter reached from several places (a shared
 * {@code let}) has one atom per place.
 */
public record Condition(List<Atom> anyOf) {

    /** {@code choice == option}, with the choice by its index in the space. */
    public record Atom(int choice, int option) {}

    public static final Condition ALWAYS = new Condition(List.of());

    public Condition {
        anyOf = List.copyOf(anyOf);
    }

    public boolean isAlways() {
        return anyOf.isEmpty();
    }

    /** Whether the condition holds for values indexed like the space's hyperparameters (NaN = inactive). */
    public boolean holds(double[] values) {
        if (anyOf.isEmpty()) return true;
        for (Atom a : anyOf) {
            if (values[a.choice] == a.option) return true;
        }
        return false;
    }
}
