package io.mlci.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.PrintStream;

/** Where a command's output goes: results to stdout, progress and problems to stderr. */
public final class Console {

    /** Built on first use: most commands print no JSON, and a mapper costs start-up time. */
    private static final class Json {
        static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public PrintStream out() {
        return out;
    }

    public PrintStream err() {
        return err;
    }

    /** The JSON a value would print as, to add fields to before {@link #json}. */
    public com.fasterxml.jackson.databind.node.ObjectNode jsonObject(Object value) {
        return Json.MAPPER.valueToTree(value);
    }

    public void error(String message) {
        err.println("mlci: error: " + message);
    }

    public void json(Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render JSON output", e);
        }
    }
}
