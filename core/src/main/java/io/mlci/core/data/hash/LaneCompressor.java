package io.mlci.core.data.hash;

/** MD5's compression function applied to several independent streams at once, one per lane. */
interface LaneCompressor {

    /** How many streams one call advances. */
    int lanes();

    /**
     * Advances every lane's state by {@code blocks} 64-byte blocks. The layouts of {@code state}
     * and {@code words} are described on {@link VectorMd5}.
     */
    void compress(int[] state, int[] words, int blocks);
}
