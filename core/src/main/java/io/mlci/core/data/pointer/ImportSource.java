package io.mlci.core.data.pointer;

/**
 * Where an imported output came from ({@code dvc import URL PATH}): the source repository and
 * the revision it was locked at. mlci reports it in lineage; it does not re-resolve imports.
 */
public record ImportSource(String path, String repoUrl, String revLock) {
}
