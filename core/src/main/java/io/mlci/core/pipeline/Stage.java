package io.mlci.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * One stage of a pipeline after {@code foreach}/{@code matrix} expansion and interpolation.
 *
 * @param name          {@code train}, or {@code train@a} for a generated stage
 * @param dvcFile       the pipeline file, repository-relative ({@code dvc.yaml}, {@code sub/dvc.yaml})
 * @param wdir          the working directory the command runs in, repository-relative ("" = root)
 * @param cmd           the commands, run in order through a shell
 * @param cmdIsList     the commands were written as a list (the lock file keeps that form)
 * @param deps          dependency paths as written (relative to {@code wdir})
 * @param depPaths      the same, repository-relative
 * @param frozen        never run, never reported changed
 * @param alwaysChanged always run
 * @param meta          free-form metadata; null when not given
 */
public record Stage(String name, String dvcFile, String wdir, List<String> cmd, boolean cmdIsList, List<String> deps,
                    List<String> depPaths, List<ParamsDependency> params, List<StageOutput> outs, boolean frozen,
                    boolean alwaysChanged, String desc, JsonNode meta) {

    public Stage {
        cmd = List.copyOf(cmd);
        deps = List.copyOf(deps);
        depPaths = List.copyOf(depPaths);
        params = List.copyOf(params);
        outs = List.copyOf(outs);
    }

    /** How a target names the stage: {@code train} in the root pipeline, {@code sub/dvc.yaml:train} elsewhere. */
    public String address() {
        return dvcFile.equals(DvcYaml.FILE_NAME) ? name : dvcFile + ":" + name;
    }

    /** The directory of the pipeline file, where its {@code dvc.lock} lives. */
    public String dvcDir() {
        return RepoPath.parent(dvcFile);
    }

    /** The name before {@code @} for a generated stage. */
    public String group() {
        int at = name.lastIndexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The commands as one display line. */
    public String commandLine() {
        return String.join(" && ", cmd);
    }

    public List<String> outPaths() {
        List<String> paths = new ArrayList<>();
        outs.forEach(out -> paths.add(out.workspacePath()));
        return paths;
    }
}
