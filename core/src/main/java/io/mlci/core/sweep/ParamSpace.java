package io.mlci.core.sweep;

import java.util.List;
import java.util.SplittableRandom;

/** The values one swept param may take: a list of choices, or a numeric range for random search. */
public sealed interface ParamSpace {

    /** Draws one value, as YAML text, for random search. */
    String sample(SplittableRandom random);

    /**
     * Values written in mlci.yaml, each as YAML text that reads back as the same type
     * ({@code 0.1} stays a number, {@code '0.1'} stays a string).
     */
    record Choices(List<String> values) implements ParamSpace {
        public Choices {
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a param needs at least one value");
            }
        }

        @Override
        public String sample(SplittableRandom random) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /**
     * A range {@code {min, max, log, int}}: uniform, or uniform in the logarithm for scales such
     * as learning rates; whole numbers when {@code integer}. Only random search can use it.
     */
    record Range(double min, double max, boolean log, boolean integer) implements ParamSpace {
        public Range {
            if (!(min < max)) {
                throw new IllegalArgumentException("min must be below max");
            }
            if (log && min <= 0) {
                throw new IllegalArgumentException("a log range needs min > 0");
            }
        }

        @Override
        public String sample(SplittableRandom random) {
            double u = random.nextDouble();
            double value = log ? Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min))) : min + u * (max - min);
            if (integer) {
                return Long.toString(Math.round(value));
            }
            // Six significant digits: enough for a search, and readable in a trial table.
            return new java.math.BigDecimal(value).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
        }
    }
}
