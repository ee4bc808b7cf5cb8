package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.Output;

import java.nio.file.Path;

/** The result of adding one path: the pointer file written and what it records. */
public record AddedOutput(Path pointerFile, Output output) {
}
