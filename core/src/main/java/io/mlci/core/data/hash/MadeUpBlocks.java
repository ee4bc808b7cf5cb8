package io.mlci.core.data.hash;

/**
 * Arbitrary blocks for every lane of a kernel, for running it from memory: to measure its speed
 * ({@link HashSpeed}) or to get it compiled ({@link KernelWarmup}). The hashes are never used.
 */
final class MadeUpBlocks {

    private final LaneCompressor kernel;
    private final int blocks;
    private final int[] state;
    private final int[] data;
    private final int[] starts;

    MadeUpBlocks(LaneCompressor kernel, int blocks) {
        this.kernel = kernel;
        this.blocks = blocks;
        int lanes = kernel.lanes();
        this.state = new int[4 * lanes];
        this.data = new int[blocks * 16 * lanes];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0x9e3779b9;
        }
        this.starts = new int[lanes];
        for (int lane = 0; lane < lanes; lane++) {
            starts[lane] = lane * blocks * 16;
        }
    }

    /** Bytes one {@link #compress()} hashes, all lanes together. */
    long bytesPerCall() {
        return 64L * blocks * kernel.lanes();
    }

    void compress() {
        kernel.compress(state, data, starts, blocks);
    }
}
