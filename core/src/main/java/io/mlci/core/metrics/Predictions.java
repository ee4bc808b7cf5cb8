package io.mlci.core.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.InvalidInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-example results of an evaluation, for significance tests: whether each example (by id)
 * was predicted correctly. Read from CSV/TSV with a header, or JSON Lines, where each example has
 * an {@code id} and either {@code correct} (1/0, true/false) or {@code label} and
 * {@code prediction} (correct when equal).
 *
 * @param correct example id -> correct, in file order
 */
public record Predictions(Map<String, Boolean> correct) {

    private static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES));

    public Predictions {
        correct = Collections.unmodifiableMap(new LinkedHashMap<>(correct));
    }

    /** @param name how messages call the file */
    public static Predictions read(Path path, String name) {
        String lower = path.getFileName().toString().toLowerCase();
        if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
            return readJsonLines(path, name);
        }
        if (!DelimitedText.isDelimited(lower)) {
            throw new InvalidInputException(name, null, "predictions must be CSV, TSV or JSON Lines (.jsonl)");
        }
        List<List<String>> rows = DelimitedText.read(path, name);
        if (rows.isEmpty()) {
            throw new InvalidInputException(name, null, "is empty; expected a header with id and correct (or label and prediction)");
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        int id = column(header, "id", name);
        int correct = header.indexOf("correct");
        int label = header.indexOf("label");
        int prediction = header.indexOf("prediction");
        if (correct < 0 && (label < 0 || prediction < 0)) {
            throw new InvalidInputException(name, null, "needs a 'correct' column, or 'label' and 'prediction'; has "
                    + String.join(", ", header));
        }
        Map<String, Boolean> results = new LinkedHashMap<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String where = name + ":" + (r + 1);
            if (row.size() != header.size()) {
                throw new InvalidInputException(where, null, "has " + row.size() + " cells, the header " + header.size());
            }
            boolean ok = correct >= 0 ? flag(row.get(correct).trim(), where) : row.get(label).trim().equals(row.get(prediction).trim());
            put(results, row.get(id).trim(), ok, where);
        }
        return new Predictions(results);
    }

    private static Predictions readJsonLines(Path path, String name) {
        Map<String, Boolean> results = new LinkedHashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String where = name + ":" + number;
                JsonNode example;
                try {
                    example = JSON.readTree(line);
                } catch (IOException e) {
                    throw new InvalidInputException(where, null, "is not a JSON object");
                }
                if (example == null || !example.isObject() || !example.has("id")) {
                    throw new InvalidInputException(where, "id", "is required on every line");
                }
                boolean ok;
                if (example.has("correct")) {
                    ok = flag(example.get("correct").asText(), where);
                } else if (example.has("label") && example.has("prediction")) {
                    ok = example.get("label").equals(example.get("prediction"));
                } else {
                    throw new InvalidInputException(where, "correct", "each example needs 'correct', or 'label' and 'prediction'");
                }
                put(results, example.get("id").asText(), ok, where);
            }
        } catch (IOException e) {
            throw new InvalidInputException(name, null, "cannot read: " + e.getMessage());
        }
        return new Predictions(results);
    }

    private static int column(List<String> header, String wanted, String name) {
        int index = header.indexOf(wanted);
        if (index < 0) {
            throw new InvalidInputException(name, wanted, "column is required; the header has " + String.join(", ", header));
        }
        return index;
    }

    private static boolean flag(String value, String where) {
        return switch (value.toLowerCase()) {
            case "1", "true", "yes" -> true;
            case "0", "false", "no" -> false;
            default -> throw new InvalidInputException(where, "correct", "expected 1/0 or true/false, got '" + value + "'");
        };
    }

    private static void put(Map<String, Boolean> results, String id, boolean ok, String where) {
        if (results.put(id, ok) != null) {
            throw new InvalidInputException(where, "id", "'" + id + "' appears twice");
        }
    }

    public int size() {
        return correct.size();
    }
}
