package dev.hyperopt.dsl.diag;

/**
 * Every diagnostic the compiler reports, with a stable id. Ids never change meaning once
 * published; docs/diagnostics.md has one section per id.
 */
public enum DiagnosticCode {
    SYNTAX("HS001", "syntax error"),
    UNKNOWN_FUNCTION("HS002", "unknown function or distribution"),
    ARGUMENT_COUNT("HS003", "wrong number of arguments"),
    ARGUMENT_TYPE("HS004", "argument of the wrong type"),
    BOUNDS("HS005", "low is not below high"),
    BAD_Q("HS006", "q is not positive"),
    BAD_SIGMA("HS007", "sigma is not positive"),
    LOG_BOUNDS("HS008", "log-scale bound is not positive"),
    PROBABILITY_SUM("HS009", "pchoice probabilities do not sum to 1"),
    NEGATIVE_PROBABILITY("HS010", "negative pchoice probability"),
    DUPLICATE_KEY("HS011", "duplicate key in a dict"),
    DUPLICATE_BRANCH("HS012", "duplicate branch name in a choice"),
    UNDEFINED_NAME("HS013", "undefined name"),
    IMPORT_CYCLE("HS014", "import cycle"),
    MISSING_SPACE("HS015", "no `space` in the file"),
    DUPLICATE_LABEL("HS016", "two hyperparameters with the same label"),
    IMPORT_NOT_FOUND("HS017", "imported file or module not found"),
    DUPLICATE_DEFINITION("HS018", "name defined twice"),
    NOT_CONSTANT("HS019", "distribution argument is not a constant"),
    OPERAND_TYPE("HS020", "operand of the wrong type"),
    MISPLACED_WEIGHT("HS021", "weight outside pchoice, or pchoice option without weight"),
    EMPTY_CHOICE("HS022", "choice without options"),
    BAD_KEYWORD("HS023", "unknown or repeated keyword argument"),
    NOT_A_MEMBER("HS024", "name not defined by the imported file"),
    NUMBER_RANGE("HS025", "number out of range"),
    IMPORT_REFUSED("HS026", "import outside the folders imports may read"),
    NOT_UTF8("HS027", "file is not UTF-8 text");

    private final String id;
    private final String summary;

    DiagnosticCode(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    public String id() { return id; }

    public String summary() { return summary; }
}
