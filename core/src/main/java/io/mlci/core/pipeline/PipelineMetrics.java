package io.mlci.core.pipeline;

import io.mlci.core.config.MlciConfig;

import java.nio.file.Path;
import java.util.List;

/**
 * Which metrics and params files a repository declares: mlci.yaml's when it names metrics
 * files, else — in a repository with dvc.yaml — what dvc.yaml declares (top-level
 * {@code metrics} and the stages' {@code metrics} outputs), as {@code dvc metrics show} reads.
 */
public final class PipelineMetrics {

    private PipelineMetrics() {
    }

    public static List<String> files(Path root, MlciConfig config) {
        if (config.metrics().declared() || !Pipelines.present(root)) {
            return config.metrics().files();
        }
        return files(root, config, Pipelines.read(root));
    }

    static List<String> files(Path root, MlciConfig config, Pipelines pipelines) {
        if (config.metrics().declared() || pipelines.files().isEmpty()) {
            return config.metrics().files();
        }
        List<String> declared = pipelines.metricsFiles();
        return declared.isEmpty() ? config.metrics().files() : declared;
    }

    /**
     * Params files: mlci.yaml's {@code train.params} when set, else those of them dvc.yaml's
     * stages and top level name that exist.
     */
    public static List<String> paramsFiles(Path root, MlciConfig config) {
        if (!config.train().params().isEmpty() || !Pipelines.present(root)) {
            return config.train().params();
        }
        return Pipelines.read(root).paramsFiles().stream()
                .filter(file -> java.nio.file.Files.isRegularFile(root.resolve(file))).toList();
    }

}
