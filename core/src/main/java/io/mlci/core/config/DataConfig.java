package io.mlci.core.config;

import java.util.List;

/**
 * @param pointers pointer files, stages or tracked paths the training reads; empty = all of them
 * @param remote   DVC remote name for data, outputs and checkpoints; null = DVC's {@code core.remote}
 */
public record DataConfig(List<String> pointers, String remote) {

    public DataConfig {
        pointers = List.copyOf(pointers);
    }
}
