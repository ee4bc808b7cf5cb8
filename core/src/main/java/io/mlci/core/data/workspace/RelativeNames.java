package io.mlci.core.data.workspace;

import java.nio.file.Path;

/** Posix-style relative names, the form DVC uses in listings and pointer files. */
final class RelativeNames {

    private RelativeNames() {
    }

    static String of(Path base, Path path) {
        String relative = base.relativize(path).toString();
        return path.getFileSystem().getSeparator().equals("/") ? relative : relative.replace('\\', '/');
    }
}
