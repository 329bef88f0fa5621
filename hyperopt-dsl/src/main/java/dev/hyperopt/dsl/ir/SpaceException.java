package dev.hyperopt.dsl.ir;

import java.util.List;

/** A graph that is not a valid search space, with every problem found. */
public final class SpaceException extends RuntimeException {

    /**
     * One problem, with the node it concerns and the node it clashes with, if any, as they
     * were given (so a compiler can point at their source).
     */
    public record Problem(Node node, Node other, String message) {}

    private final transient List<Problem> problems;

    public SpaceException(List<Problem> problems) {
        super(problems.get(0).message() + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
