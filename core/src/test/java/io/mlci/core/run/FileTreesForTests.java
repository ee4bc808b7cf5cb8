package io.mlci.core.run;

import io.mlci.core.storage.FileTrees;

import java.io.IOException;
import java.nio.file.Path;

/** Deletes a directory tree in a test, failing the test when it cannot. */
final class FileTreesForTests {

    private FileTreesForTests() {
    }

    static void delete(Path path) throws IOException {
        FileTrees.delete(path);
    }
}
