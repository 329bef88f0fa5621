package dev.hyperopt.bench;

/**
 * Deterministic {@code .hspace} files for the benchmarks, built from one 20-hyperparameter
 * block that uses every distribution, the three kinds of choice (one nested two deep),
 * a {@code let}, a cast and an expression. {@code blocks(n)} has {@code 20 n} hyperparameters.
 */
public final class GeneratedSpaces {
    private GeneratedSpaces() {}

    /** Hyperparameters in one block. */
    public static final int PER_BLOCK = 20;

    /** A file of {@code n} blocks {@code layer_0 .. layer_(n-1)}, each with its own learning-rate let. */
    public static String blocks(int n) {
        StringBuilder sb = new StringBuilder(1200 * n + 64);
        sb.append("# ").append(n * PER_BLOCK).append(" hyperparameters in ").append(n).append(" blocks\n");
        for (int i = 0; i < n; i++) {
            sb.append("let lr_").append(i).append(" = loguniform(1e-5, 1e-1)\n");
        }
        sb.append("\nspace = {\n");
        for (int i = 0; i < n; i++) {
            sb.append("  layer_").append(i).append(": ");
            block(sb, "lr_" + i, "  ");
            sb.append(",\n");
        }
        sb.append("}\n");
        return sb.toString();
    }

    /** One block as the whole space: 20 hyperparameters with nested conditional branches. */
    public static String conditional20() {
        StringBuilder sb = new StringBuilder("let lr = loguniform(1e-5, 1e-1)\n\nspace = ");
        block(sb, "lr", "");
        return sb.append('\n').toString();
    }

    /** The benchmark suite's 10-hyperparameter mixed space for optimizer overhead (bench/hspace/overhead10.hspace). */
    public static String overhead10() {
        return """
                space = {
                  o_u1: uniform(-5.0, 5.0),
                  o_u2: uniform(0.0, 1.0),
                  o_lu1: loguniform(0.0001, 1.0),
                  o_lu2: loguniform(0.01, 100.0),
                  o_qu: quniform(1, 100, 1),
                  o_qlu: qloguniform(1.0, 1024.0, 1),
                  o_n: normal(0.0, 1.0),
                  o_ri: randint(0, 10),
                  o_c3: choice { a: {}, b: {}, c: {} },
                  o_c5: choice(0, 1, 2, 3, 4),
                }
                """;
    }

    private static void block(StringBuilder sb, String lr, String indent) {
        String in = indent + "  ";
        sb.append("{\n")
          .append(in).append("units: quniform(16, 512, 16) as int,\n")
          .append(in).append("activation: choice(\"relu\", \"tanh\", \"gelu\"),\n")
          .append(in).append("lr: ").append(lr).append(",\n")
          .append(in).append("optimizer: choice {\n")
          .append(in).append("  sgd: { momentum: uniform(0, 0.99), nesterov: choice(true, false) },\n")
          .append(in).append("  adam: {\n")
          .append(in).append("    beta1: uniform(0.8, 0.999),\n")
          .append(in).append("    beta2: uniform(0.9, 0.9999),\n")
          .append(in).append("    schedule: choice { constant: null, step: { gamma: uniform(0.1, 0.9), every: randint(1, 50) } },\n")
          .append(in).append("  },\n")
          .append(in).append("},\n")
          .append(in).append("dropout: pchoice(0.3: 0.0, 0.7: uniform(0.1, 0.5)),\n")
          .append(in).append("batch_size: 2 ** randint(4, 9),\n")
          .append(in).append("l2: lognormal(-5, 1),\n")
          .append(in).append("noise: normal(0, 1),\n")
          .append(in).append("steps: qlognormal(3, 1, 1) as int,\n")
          .append(in).append("shift: qnormal(0, 2, 0.5),\n")
          .append(in).append("kernel: uniformint(1, 7),\n")
          .append(in).append("scale: qloguniform(1, 1000, 1),\n")
          .append(indent).append("}");
    }
}
