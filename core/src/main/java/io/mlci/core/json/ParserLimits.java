package io.mlci.core.json;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.mlci.core.InvalidInputException;
import org.yaml.snakeyaml.LoaderOptions;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The limits every parser of mlci reads untrusted files with. mlci.yaml, params, pointer files
 * and metrics are written by a pull request: a few hundred bytes of nested YAML aliases or a
 * 50 MB string must be refused in well under a second, naming the file and the limit, not
 * expanded until memory runs out. All YAML goes through {@link #yamlOptions}/{@link #yaml}, all
 * JSON through {@link #json} (Jackson's stream read constraints).
 */
public final class ParserLimits {

    /** Aliases in one YAML document. */
    public static final int MAX_ALIASES = 50;
    /** Nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;
    /** Values in one document once aliases are expanded. */
    public static final int MAX_VALUES = 20_000;
    /** mlci.yaml and values given on the command line; {@code MLCI_MAX_CONFIG_BYTES} overrides it. */
    public static final int CONFIG_BYTES = configured("MLCI_MAX_CONFIG_BYTES", 1 << 20);
    /** Params, metrics, pointer and lock files, records; {@code MLCI_MAX_DOCUMENT_BYTES} overrides it. */
    public static final int DOCUMENT_BYTES = configured("MLCI_MAX_DOCUMENT_BYTES", 16 << 20);
    /** One string or number inside a document. */
    public static final int MAX_STRING = 1 << 20;

    private static final ObjectMapper JSON = JsonMapper.builder(jsonFactory(DOCUMENT_BYTES))
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private ParserLimits() {
    }

    private static int configured(String variable, int fallback) {
        String value = System.getenv(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int bytes = Integer.parseInt(value.trim());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below
        }
        throw new InvalidInputException(variable, null, "'" + value + "' is not a positive number of bytes");
    }

    /** SnakeYAML's options with the limits: aliases, depth, size in code points, no recursive keys. */
    public static LoaderOptions yamlOptions(int maxBytes) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(maxBytes);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** A YAML mapper (Jackson over SnakeYAML) with the limits. */
    public static ObjectMapper yaml(int maxBytes) {
        // the builder, unlike new YAMLFactory(), reads "key:" as "" unless told to read it as null, as YAML means
        return new ObjectMapper(YAMLFactory.builder().loaderOptions(yamlOptions(maxBytes))
                .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL).streamReadConstraints(constraints(maxBytes)).build());
    }

    /** The JSON mapper for untrusted JSON: NaN and Infinity allowed (Python writes them), unknown fields ignored. */
    public static ObjectMapper json() {
        return JSON;
    }

    /** A JSON mapper builder's factory with the limits, for readers that configure their own mapper. */
    public static com.fasterxml.jackson.core.JsonFactory jsonFactory(int maxBytes) {
        return com.fasterxml.jackson.core.JsonFactory.builder().streamReadConstraints(constraints(maxBytes)).build();
    }

    public static StreamReadConstraints constraints(int maxBytes) {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).maxStringLength(Math.min(maxBytes, MAX_STRING))
                .maxNumberLength(1000).maxDocumentLength(maxBytes).build();
    }

    /**
     * The file's bytes, refused before reading when it is larger than the limit.
     *
     * @param name the file as the user knows it, for messages
     */
    public static byte[] read(Path file, String name, int maxBytes) {
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(name, size, maxBytes);
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw tooLarge(name, bytes.length, maxBytes); // it grew while being read
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name, null, "does not exist");
        } catch (IOException e) {
            throw new InvalidInputException(name, null, "cannot read: " + e.getMessage());
        }
    }

    /** Refuses text longer than the limit (text that did not come from a file, e.g. read from git). */
    public static String check(String text, String name, int maxBytes) {
        if (text.length() > maxBytes) {
            throw tooLarge(name, text.length(), maxBytes);
        }
        return text;
    }

    private static InvalidInputException tooLarge(String name, long size, int maxBytes) {
        return new InvalidInputException(name, null, "is " + size + " bytes; the limit for this file is " + human(maxBytes));
    }

    public static String human(long bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
