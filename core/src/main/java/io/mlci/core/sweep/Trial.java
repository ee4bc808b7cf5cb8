package io.mlci.core.sweep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One configuration of a study: the params it overrides (dotted name -> YAML text, applied to the
 * params files as {@code dvc exp run -S} does) and, for an ablation, what it leaves out.
 *
 * @param name      short and stable within the study: {@code t1}, {@code t2}, ... or {@code baseline},
 *                  {@code -col_a}
 * @param overrides params to set, in the order they were declared
 * @param removed   the feature or component an ablation trial leaves out; null otherwise
 */
public record Trial(String name, Map<String, String> overrides, String removed) {

    public Trial {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** {@code train.lr=0.1 train.depth=3}, for tables and logs. */
    public String describe() {
        if (overrides.isEmpty()) {
            return "(params as committed)";
        }
        StringBuilder text = new StringBuilder();
        overrides.forEach((name, value) -> text.append(text.length() == 0 ? "" : " ").append(name).append('=')
                .append(display(value)));
        return text.toString();
    }

    /** A value as people read it: a YAML string without the quotes that keep its type. */
    public static String display(String yamlText) {
        if (yamlText.length() >= 2 && yamlText.startsWith("\"") && yamlText.endsWith("\"")) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readValue(yamlText, String.class);
            } catch (java.io.IOException e) {
                return yamlText;
            }
        }
        return yamlText;
    }
}
