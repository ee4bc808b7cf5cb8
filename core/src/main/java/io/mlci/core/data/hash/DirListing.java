package io.mlci.core.data.hash;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
        static final JsonFactory JSON = ParserLimits.jsonFactory(ParserLimits.DOCUMENT_BYTES);
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
     * and others); relpaths that would escape the directory are refused. Read token by token: a
     * listing of 100,000 files is read on every checkout, and building a tree of JSON nodes first
     * cost as much as the rest of the parse.
     */
    public static DirListing parse(byte[] json, String source) {
        List<DirEntry> entries = new ArrayList<>();
        try (JsonParser parser = Parser.JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw notAListing(source);
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw notAListing(source);
                }
                entries.add(entry(parser, source, "[" + entries.size() + "]"));
            }
            if (parser.nextToken() != null) {
                throw new InvalidInputException(source, null, "not a valid .dir listing (JSON): text after the list");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(source, null, "not a valid .dir listing (JSON): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, null, "cannot read .dir listing: " + e.getMessage());
        }
        try {
            return of(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source, null, e.getMessage());
        }
    }

    /** One {@code {"md5": ..., "relpath": ...}} object; the parser is on its first token. */
    private static DirEntry entry(JsonParser parser, String source, String field) throws IOException {
        String relpath = null;
        String md5 = null;
        long size = -1;
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (key) {
                    case "relpath" -> relpath = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "md5" -> md5 = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "size" -> size = value == JsonToken.VALUE_NUMBER_INT
                            && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? parser.getLongValue() : -1;
                    default -> {
                    }
                }
                // an object or list, under a key it knows or not, is passed over whole: its own
                // keys must never be taken for this entry's
                parser.skipChildren();
            }
        } else {
            parser.skipChildren();
        }
        if (relpath == null) {
            throw new InvalidInputException(source, field + ".relpath", "missing or not a string");
        }
        if (md5 == null) {
            throw new InvalidInputException(source, field + ".md5", "missing or not a string");
        }
        if (!Hex.isMd5(md5)) {
            throw new InvalidInputException(source, field + ".md5", "expected 32 lower-case hex digits, got '" + md5 + "'");
        }
        RelativePaths.requireSafe(relpath, source, field + ".relpath");
        return new DirEntry(relpath, md5, size);
    }

    private static InvalidInputException notAListing(String source) {
        return new InvalidInputException(source, null, "a .dir listing must be a JSON list of {md5, relpath}");
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
