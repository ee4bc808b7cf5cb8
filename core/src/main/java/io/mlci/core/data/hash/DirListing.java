package io.mlci.core.data.hash;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlci.core.json.ParserLimits;
import io.mlci.core.InvalidInputException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The content of a DVC {@code .dir} object: the sorted list of a directory's files. Its bytes are
 * Python's {@code json.dumps(list, sort_keys=True)} of {@code {"md5", "relpath"}} entries, and the
 * directory's hash is the md5 of those bytes plus the suffix {@code .dir}.
 */
public final class DirListing {

    public static final String SUFFIX = ".dir";

    /** Made on first parse: hashing a directory never needs it, and it is costly to set up. */
    private static final class Parser {
        static final ObjectMapper JSON = new ObjectMapper(ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES));
    }

    private final List<DirEntry> entries;

    private DirListing(List<DirEntry> sortedEntries) {
        this.entries = Collections.unmodifiableList(sortedEntries);
    }

    public static DirListing of(List<DirEntry> entries) {
        List<DirEntry> sorted = new ArrayList<>(entries);
        // without surrogates (every ASCII tree), Java's own string order is code point order
        sorted.sort(anySurrogate(sorted) ? (a, b) -> DirEntry.compareRelpaths(a.relpath(), b.relpath())
                : (a, b) -> a.relpath().compareTo(b.relpath()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).relpath().equals(sorted.get(i - 1).relpath())) {
                throw new IllegalArgumentException("duplicate relpath " + sorted.get(i).relpath());
            }
        }
        return new DirListing(sorted);
    }

    private static boolean anySurrogate(List<DirEntry> entries) {
        for (DirEntry entry : entries) {
            String relpath = entry.relpath();
            for (int i = 0; i < relpath.length(); i++) {
                if (Character.isSurrogate(relpath.charAt(i))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Reads a {@code .dir} object. Extra keys per entry are accepted (DVC has written {@code size}
     * and others); relpaths that would escape the directory are refused.
     */
    public static DirListing parse(byte[] json, String source) {
        JsonNode root;
        try {
            root = Parser.JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, null, "not a valid .dir listing (JSON): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, null, "cannot read .dir listing: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new InvalidInputException(source, null, "a .dir listing must be a JSON list of {md5, relpath}");
        }
        List<DirEntry> entries = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode node = root.get(i);
            String field = "[" + i + "]";
            String relpath = textField(node, "relpath", source, field);
            String md5 = textField(node, "md5", source, field);
            if (!Hex.isMd5(md5)) {
                throw new InvalidInputException(source, field + ".md5", "expected 32 lower-case hex digits, got '" + md5 + "'");
            }
            RelativePaths.requireSafe(relpath, source, field + ".relpath");
            long size = node.path("size").isIntegralNumber() ? node.get("size").asLong() : -1;
            entries.add(new DirEntry(relpath, md5, size));
        }
        try {
            return of(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, null, e.getMessage());
        }
    }

    private static String textField(JsonNode node, String name, String source, String field) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || !value.isTextual()) {
            throw new InvalidInputException(source, field + "." + name, "missing or not a string");
        }
        return value.asText();
    }

    public List<DirEntry> entries() {
        return entries;
    }

    public long totalSize() {
        long total = 0;
        for (DirEntry entry : entries) {
            total += Math.max(0, entry.size());
        }
        return total;
    }

    /** The exact bytes DVC stores as the {@code .dir} object. */
    public byte[] toBytes() {
        // an entry is about 80 bytes plus its relpath
        PythonJson.Ascii out = new PythonJson.Ascii(entries.size() * 96 + 2);
        out.append('[');
        for (int i = 0; i < entries.size(); i++) {
            if (i > 0) {
                out.appendLiteral(", ");
            }
            DirEntry entry = entries.get(i);
            out.appendLiteral("{\"md5\": ").appendString(entry.md5())
                    .appendLiteral(", \"relpath\": ").appendString(entry.relpath()).append('}');
        }
        out.append(']');
        return out.toByteArray();
    }

    /** The directory hash: md5 of {@link #toBytes()} followed by {@code .dir}. */
    public String hash() {
        return FileHasher.md5Hex(toBytes()) + SUFFIX;
    }
}
