package io.mlci.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** There is no GPU here: a script printing what nvidia-smi prints on a machine with two A10Gs. */
public final class FakeNvidiaSmi {

    private FakeNvidiaSmi() {
    }

    /** Writes the script into {@code dir} and returns its path, for {@code MLCI_NVIDIA_SMI}. */
    public static String write(Path dir) throws IOException {
        Path script = dir.resolve("nvidia-smi");
        Files.writeString(script, """
                #!/bin/sh
                if [ "$1" = "--query-gpu=name,driver_version,memory.total" ]; then
                  echo "NVIDIA A10G, 550.54.15, 23028 MiB"
                  echo "NVIDIA A10G, 550.54.15, 23028 MiB"
                  exit 0
                fi
                echo "| NVIDIA-SMI 550.54.15    Driver Version: 550.54.15    CUDA Version: 12.4     |"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script.toString();
    }
}
