package io.mlci.core.data.pointer;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlci.core.InvalidInputException;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The working directory of each stage as the {@code dvc.yaml} beside a {@code dvc.lock} declares
 * it. DVC writes a stage's paths and params files in the lock relative to the stage's
 * {@code wdir}, which the lock itself does not record; without it {@code ../raw.csv} of a stage
 * running in {@code sub/} would be read from outside the repository.
 *
 * <p>Only a literal {@code wdir} is read here (also in a {@code foreach}'s {@code do:} and
 * beside a {@code matrix:}); an interpolated one ({@code wdir: ${item}}) needs the full pipeline reader, which
 * passes its own directories to {@link DvcLock#read(Path, Path, Function)}. Such stages, and
 * stages the dvc.yaml no longer declares, fall back to the lock's directory.
 */
final class DeclaredStageDirs implements Function<String, Path> {

    private final Path root;
    private final Path dvcYaml;
    private final JsonNode stages;

    private DeclaredStageDirs(Path root, Path dvcYaml, JsonNode stages) {
        this.root = root;
        this.dvcYaml = dvcYaml;
        this.stages = stages;
    }

    static Function<String, Path> beside(Path root, Path lock) {
        Path dvcYaml = lock.resolveSibling("dvc.yaml");
        if (!Files.isRegularFile(dvcYaml, LinkOption.NOFOLLOW_LINKS)) {
            return stage -> null;
        }
        JsonNode stages = YamlDocuments.read(dvcYaml).path("stages");
        return stages.isObject() ? new DeclaredStageDirs(root, dvcYaml, stages) : stage -> null;
    }

    @Override
    public Path apply(String stage) {
        int at = stage.lastIndexOf('@');
        JsonNode declared = stages.path(stage);
        String field = "stages." + stage + ".wdir";
        if (declared.isMissingNode() && at > 0) {
            // foreach keeps the stage under do:, matrix beside the matrix: itself
            JsonNode group = stages.path(stage.substring(0, at));
            boolean foreach = group.has("do");
            declared = foreach ? group.path("do") : group;
            field = "stages." + stage.substring(0, at) + (foreach ? ".do" : "") + ".wdir";
        }
        JsonNode wdir = declared.path("wdir");
        if (!wdir.isValueNode() || wdir.isNull() || wdir.asText().contains("${")) {
            return null;
        }
        Path dir = dvcYaml.getParent().resolve(wdir.asText()).normalize();
        if (!dir.startsWith(root)) {
            throw new InvalidInputException(dvcYaml, field, "'" + wdir.asText() + "' points outside the repository " + root);
        }
        return dir;
    }
}
