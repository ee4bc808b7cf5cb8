package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;
import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.Hex;
import io.mlci.core.data.hash.ObjectId;

import java.nio.file.Path;

/**
 * Parses one entry of an {@code outs} or {@code deps} list, shared by {@code .dvc} files and
 * {@code dvc.lock}. Unknown keys are ignored: DVC adds fields over time and mlci must not fail on
 * fields it does not act on.
 */
final class OutputParser {

    private OutputParser() {
    }

    static Output parse(JsonNode entry, Path root, Path base, Path file, String field) {
        if (entry == null || !entry.isObject()) {
            throw new InvalidInputException(file, field, "expected a mapping with 'path' and a hash");
        }
        String path = YamlDocuments.text(entry, "path", file, field + ".path", true);
        Path resolved = RepoPaths.resolveInside(root, base, path, file, field + ".path");
        ObjectId id = objectId(entry, file, field);
        long size = YamlDocuments.number(entry, "size", file, field + ".size", -1);
        long nfiles = YamlDocuments.number(entry, "nfiles", file, field + ".nfiles", -1);
        boolean isexec = YamlDocuments.flag(entry, "isexec", file, field + ".isexec", false);
        boolean cache = YamlDocuments.flag(entry, "cache", file, field + ".cache", true);
        boolean push = YamlDocuments.flag(entry, "push", file, field + ".push", true);
        String remote = YamlDocuments.text(entry, "remote", file, field + ".remote", false);
        return new Output(path, RepoPaths.posix(root, resolved), id, size, nfiles, isexec, cache, push, remote);
    }

    static ObjectId objectId(JsonNode entry, Path file, String field) {
        String hashName = YamlDocuments.text(entry, "hash", file, field + ".hash", false);
        String md5 = YamlDocuments.text(entry, "md5", file, field + ".md5", false);
        HashAlgorithm algorithm;
        if (hashName == null) {
            algorithm = HashAlgorithm.MD5_DOS2UNIX;
        } else if (hashName.equals("md5")) {
            algorithm = HashAlgorithm.MD5;
        } else {
            throw new InvalidInputException(file, field + ".hash", "unknown hash type '" + hashName
                    + "'; mlci supports 'md5' (DVC 3.x) and entries without 'hash' (DVC 2.x md5)");
        }
        if (md5 == null) {
            // Not yet committed, or an external / cloud-versioned path known only by etag.
            return null;
        }
        String digest = md5.endsWith(".dir") ? md5.substring(0, md5.length() - 4) : md5;
        if (!Hex.isMd5(digest)) {
            throw new InvalidInputException(file, field + ".md5", "expected 32 lower-case hex digits"
                    + " (optionally followed by .dir), got '" + md5 + "'");
        }
        return new ObjectId(md5, algorithm);
    }
}
