package io.mlci.core.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Says in a user's words why a stored JSON document could not be read. Jackson's own message
 * names the parser's settings and mlci's classes ("Source: REDACTED ...", "through reference
 * chain: io.mlci...."), which mean nothing to whoever has to repair or remove the file.
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    /**
     * e.g. "not valid JSON (truncated?): Unexpected end-of-input in VALUE_STRING at line 5, column 16,
     * field 'runKey'"; an I/O error that is not about the content keeps its own message.
     */
    public static String describe(IOException e) {
        if (!(e instanceof JsonProcessingException problem)) {
            return e.getMessage();
        }
        StringBuilder text = new StringBuilder("not valid JSON (truncated?): ").append(problem.getOriginalMessage());
        JsonLocation location = problem.getLocation();
        if (location != null && location.getLineNr() > 0) {
            text.append(" at line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr());
        }
        if (problem instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            text.append(", field '").append(mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()))
                    .collect(Collectors.joining("."))).append("'");
        }
        return text.toString();
    }
}
