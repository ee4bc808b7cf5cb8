package io.mlci.core.run.record;

import java.util.List;

/**
 * The GPUs a containerised training saw, as {@code nvidia-smi} reported them inside the training
 * image with the training's own flags, checked before the training started.
 *
 * @param requested {@code train.gpus}: {@code true}, {@code optional} or {@code false}
 * @param count     GPUs visible to the training; 0 when it ran on the CPU
 * @param devices   each GPU: name, driver, CUDA version, memory
 * @param note      why there is none when some were asked for (the CPU fallback of {@code optional}); else null
 */
public record GpuUse(String requested, int count, List<GpuInfo> devices, String note) {

    public GpuUse {
        devices = devices == null ? List.of() : List.copyOf(devices);
    }

    /** "1 × NVIDIA A10G (23028 MiB, driver 550.54.15, CUDA 12.4)", or why there is none. */
    public String describe() {
        if (count == 0) {
            return "none" + (note != null ? " (" + note + ")" : "");
        }
        GpuInfo first = devices.get(0);
        boolean alike = devices.stream().allMatch(gpu -> gpu.equals(first));
        String each = alike ? first.name() + " (" + first.memory() + ", driver " + first.driver()
                + (first.cuda() != null ? ", CUDA " + first.cuda() : "") + ")"
                : String.join(", ", devices.stream().map(GpuInfo::name).toList());
        return count + " × " + each;
    }
}
