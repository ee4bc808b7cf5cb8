package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dvc} file: the outputs it tracks and, for imports, where they were imported from.
 *
 * @param file   absolute path of the {@code .dvc} file
 * @param frozen true for {@code dvc import} results that must not be updated
 */
public record DvcFile(Path file, List<Output> outs, List<ImportSource> imports, boolean frozen) {

    public DvcFile {
        outs = List.copyOf(outs);
        imports = List.copyOf(imports);
    }

    /** Reads a {@code .dvc} file of a repository rooted at {@code root}. */
    public static DvcFile read(Path root, Path file) {
        JsonNode doc = YamlDocuments.read(file);
        if (doc.isMissingNode()) {
            return new DvcFile(file, List.of(), List.of(), false);
        }
        if (!doc.isObject()) {
            throw new InvalidInputException(file, null, "expected a mapping with an 'outs' list, got " + YamlDocuments.kind(doc));
        }
        Path base = file.getParent();
        String wdir = YamlDocuments.text(doc, "wdir", file, "wdir", false);
        if (wdir != null) {
            // 'wdir: .' (or a '..' that reaches the root) names the repository root itself, which is valid.
            boolean isRoot = !Path.of(wdir).isAbsolute() && base.resolve(wdir).normalize().equals(root);
            base = isRoot ? root : RepoPaths.resolveInside(root, base, wdir, file, "wdir");
        }
        List<Output> outs = new ArrayList<>();
        JsonNode outsNode = doc.get("outs");
        if (outsNode != null && !outsNode.isNull()) {
            if (!outsNode.isArray()) {
                throw new InvalidInputException(file, "outs", "expected a list, got " + YamlDocuments.kind(outsNode));
            }
            for (int i = 0; i < outsNode.size(); i++) {
                outs.add(OutputParser.parse(outsNode.get(i), root, base, file, "outs[" + i + "]"));
            }
        }
        List<ImportSource> imports = new ArrayList<>();
        JsonNode deps = doc.get("deps");
        if (deps != null && deps.isArray()) {
            for (int i = 0; i < deps.size(); i++) {
                JsonNode dep = deps.get(i);
                JsonNode repo = dep == null ? null : dep.get("repo");
                if (repo != null && repo.isObject()) {
                    String field = "deps[" + i + "]";
                    imports.add(new ImportSource(
                            YamlDocuments.text(dep, "path", file, field + ".path", true),
                            YamlDocuments.text(repo, "url", file, field + ".repo.url", true),
                            YamlDocuments.text(repo, "rev_lock", file, field + ".repo.rev_lock", false)));
                }
            }
        }
        boolean frozen = YamlDocuments.flag(doc, "frozen", file, "frozen", false);
        return new DvcFile(file, outs, imports, frozen);
    }
}
