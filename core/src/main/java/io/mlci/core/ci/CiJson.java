package io.mlci.core.ci;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON form of the CI summaries. Unknown fields are ignored when reading, so a build stored by
 * a newer version still shows after a downgrade.
 */
final class CiJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private CiJson() {
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return JSON.convertValue(value, LinkedHashMap.class);
    }

    /** @param source where the JSON came from, named in the message when it is not a {@code type} */
    static <T> T read(String json, Class<T> type, String source) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, null, "is not an mlci " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }
}
