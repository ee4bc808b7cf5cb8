package io.mlci.core.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intermediate metrics in a training's console output, for early stopping. Two line shapes are
 * understood, the ones training loops print anyway:
 * <pre>
 * step=3 loss=0.42 val_auc=0.81          (also epoch=3; other words on the line are ignored)
 * {"step": 3, "val_auc": 0.81}           (one JSON object per line)
 * </pre>
 */
public final class StepMetrics {

    /** At most this much of a line is looked at: a training may print megabytes on one line. */
    private static final int MAX_LINE = 4096;
    private static final Pattern PAIR = Pattern.compile("(?<![\\w.])([A-Za-z_][\\w.\\-/]*)=(-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)(?![\\w.])");
    private static final ObjectMapper JSON = ParserLimits.json();

    /** One step's values. */
    public record Point(long step, Map<String, Double> values) {
    }

    private StepMetrics() {
    }

    public static Optional<Point> parse(String line) {
        if (line == null) {
            return Optional.empty();
        }
        String text = line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line;
        String trimmed = text.trim();
        return trimmed.startsWith("{") && trimmed.endsWith("}") ? json(trimmed) : pairs(text);
    }

    private static Optional<Point> pairs(String text) {
        Matcher matcher = PAIR.matcher(text);
        Map<String, Double> values = new LinkedHashMap<>();
        Long step = null;
        while (matcher.find()) {
            String name = matcher.group(1);
            double value = Double.parseDouble(matcher.group(2));
            if ((name.equals("step") || name.equals("epoch")) && step == null && value == Math.rint(value)) {
                step = (long) value;
            } else {
                values.put(name, value);
            }
        }
        return step == null || values.isEmpty() ? Optional.empty() : Optional.of(new Point(step, values));
    }

    private static Optional<Point> json(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            JsonNode step = node.has("step") ? node.get("step") : node.get("epoch");
            if (step == null || !step.canConvertToLong()) {
                return Optional.empty();
            }
            Map<String, Double> values = new LinkedHashMap<>();
            node.fields().forEachRemaining(field -> {
                if (field.getValue().isNumber() && !field.getKey().equals("step") && !field.getKey().equals("epoch")) {
                    values.put(field.getKey(), field.getValue().doubleValue());
                }
            });
            return values.isEmpty() ? Optional.empty() : Optional.of(new Point(step.asLong(), values));
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }
}
