package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.data.hash.ObjectId;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The cache objects a pointer's text names: every hashed entry of a {@code .dvc} file's
 * {@code outs}, or of a {@code dvc.lock}'s stage {@code outs} and {@code deps}. Used on pointers
 * read from git history, where the paths they name need not exist; an entry without a valid hash
 * names nothing.
 */
public final class PointerObjects {

    private PointerObjects() {
    }

    /** @param name the pointer's path in the repository, for messages and to tell dvc.lock apart */
    public static Set<ObjectId> named(byte[] content, String name) {
        Path file = Path.of(name);
        JsonNode document;
        try {
            document = YamlDocuments.parse(content, file);
        } catch (InvalidInputException e) {
            return Set.of();
        }
        Set<ObjectId> ids = new LinkedHashSet<>();
        if (file.getFileName().toString().equals("dvc.lock")) {
            for (JsonNode stage : document.path("stages")) {
                collect(stage.path("outs"), file, ids);
                collect(stage.path("deps"), file, ids);
            }
        } else {
            collect(document.path("outs"), file, ids);
        }
        return ids;
    }

    private static void collect(JsonNode entries, Path file, Set<ObjectId> ids) {
        for (JsonNode entry : entries) {
            if (!entry.isObject()) {
                continue;
            }
            try {
                ObjectId id = OutputParser.objectId(entry, file, "outs");
                if (id != null) {
                    ids.add(id);
                }
            } catch (InvalidInputException e) {
                // a malformed hash cannot name an object
            }
        }
    }
}
