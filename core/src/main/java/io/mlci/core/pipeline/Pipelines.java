package io.mlci.core.pipeline;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@code dvc.yaml} of a repository (the root one first, then subdirectories in path
 * order), read and resolved. Directories that never hold pipelines (.git, .dvc, .mlci) and
 * symbolic links are not entered.
 */
public record Pipelines(List<DvcYaml> files) {

    private static final Set<String> SKIPPED = Set.of(".git", ".dvc", ".mlci", "node_modules", ".venv", "venv",
            "__pycache__");
    /** More pipeline files than this is not a repository layout but a mistake worth a clear message. */
    private static final int MAX_FILES = 1000;

    public Pipelines {
        files = List.copyOf(files);
    }

    public static boolean present(Path root) {
        return Files.isRegularFile(root.resolve(DvcYaml.FILE_NAME), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    public static Pipelines read(Path root) {
        DvcYamlReader reader = new DvcYamlReader(root);
        List<DvcYaml> files = new ArrayList<>();
        for (String file : find(root)) {
            files.add(reader.read(file));
        }
        return new Pipelines(files);
    }

    static List<String> find(Path root) {
        Path base = root.toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try {
            Files.walkFileTree(base, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(base) && SKIPPED.contains(dir.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && file.getFileName().toString().equals(DvcYaml.FILE_NAME)) {
                        found.add(base.relativize(file).toString().replace('\\', '/'));
                        if (found.size() > MAX_FILES) {
                            throw new InvalidInputException(base.toString(), null, "more than " + MAX_FILES
                                    + " dvc.yaml files in the repository");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new MlciException("cannot list the pipeline files under " + base + ": " + e.getMessage(), e);
        }
        found.sort((a, b) -> a.equals(DvcYaml.FILE_NAME) ? -1 : b.equals(DvcYaml.FILE_NAME) ? 1 : a.compareTo(b));
        return Collections.unmodifiableList(found);
    }

    public List<Stage> stages() {
        List<Stage> stages = new ArrayList<>();
        files.forEach(file -> stages.addAll(file.stages()));
        return stages;
    }

    /** Metrics files: every file's top-level {@code metrics} and every stage's {@code metrics} outputs. */
    public List<String> metricsFiles() {
        List<String> paths = new ArrayList<>();
        for (DvcYaml file : files) {
            file.metrics().stream().filter(p -> !paths.contains(p)).forEach(paths::add);
            for (Stage stage : file.stages()) {
                stage.outs().stream().filter(out -> out.kind() == StageOutput.Kind.METRIC)
                        .map(StageOutput::workspacePath).filter(p -> !paths.contains(p)).forEach(paths::add);
            }
        }
        return paths;
    }

    /** Params files: those the stages read and those listed at the top level. */
    public List<String> paramsFiles() {
        List<String> paths = new ArrayList<>();
        for (DvcYaml file : files) {
            for (Stage stage : file.stages()) {
                stage.params().stream().map(ParamsDependency::workspacePath).filter(p -> !paths.contains(p))
                        .forEach(paths::add);
            }
            file.params().stream().filter(p -> !paths.contains(p)).forEach(paths::add);
        }
        return paths;
    }

    public Optional<Artifact> artifact(String name) {
        return files.stream().flatMap(file -> file.artifacts().stream()).filter(a -> a.name().equals(name)).findFirst();
    }
}
