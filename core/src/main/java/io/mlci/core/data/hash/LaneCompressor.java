package io.mlci.core.data.hash;

/** MD5's compression function applied to several independent streams at once, one per lane. */
interface LaneCompressor {

    /** How many streams one call advances. */
    int lanes();

    /**
     * Advances every lane's state by {@code blocks} 64-byte blocks. Lane {@code i}'s blocks are
     * consecutive in {@code data} from index {@code starts[i]}, 16 little-endian words each; the
     * layout of {@code state} is described on {@link VectorMd5}.
     */
    void compress(int[] state, int[] data, int[] starts, int blocks);
}
