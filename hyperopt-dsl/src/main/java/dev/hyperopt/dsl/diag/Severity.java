package dev.hyperopt.dsl.diag;

public enum Severity {
    ERROR, WARNING;

    public String display() {
        return this == ERROR ? "error" : "warning";
    }
}
