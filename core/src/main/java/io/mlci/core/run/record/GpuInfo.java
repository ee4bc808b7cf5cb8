package io.mlci.core.run.record;

/** One GPU as {@code nvidia-smi} reports it. */
public record GpuInfo(String name, String driver, String cuda, String memory) {
}
