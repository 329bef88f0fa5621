package dev.hyperopt.dsl.ir;

/** The three forms of choice. */
public enum ChoiceKind {
    /** {@code choice(a, b, ...)}: the value is the option itself; labels store its index. */
    UNNAMED,
    /** {@code choice { x: ..., y: ... }}: the value is {@code {branch: value}}; labels store the branch name. */
    NAMED,
    /** {@code pchoice(p: a, ...)}: like UNNAMED, with prior probabilities. */
    WEIGHTED
}
