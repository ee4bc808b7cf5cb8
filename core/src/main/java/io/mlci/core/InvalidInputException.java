package io.mlci.core;

import java.nio.file.Path;

/**
 * A user-supplied file or argument is malformed. The message always names where the problem is
 * (file and, when known, the field) and what was expected.
 */
public class InvalidInputException extends MlciException {

    private final String location;
    private final String field;

    public InvalidInputException(String location, String field, String problem) {
        super(format(location, field, problem));
        this.location = location;
        this.field = field;
    }

    public InvalidInputException(Path file, String field, String problem) {
        this(String.valueOf(file), field, problem);
    }

    public InvalidInputException(String location, String field, String problem, Throwable cause) {
        super(format(location, field, problem), cause);
        this.location = location;
        this.field = field;
    }

    private static String format(String location, String field, String problem) {
        StringBuilder message = new StringBuilder();
        if (location != null) {
            message.append(location);
        }
        if (field != null && !field.isEmpty()) {
            message.append(message.length() > 0 ? ": field '" : "field '").append(field).append('\'');
        }
        if (message.length() > 0) {
            message.append(": ");
        }
        return message.append(problem).toString();
    }

    /** The file or argument at fault. */
    public String location() {
        return location;
    }

    /** The field inside {@link #location()}, or null when the whole input is at fault. */
    public String field() {
        return field;
    }
}
