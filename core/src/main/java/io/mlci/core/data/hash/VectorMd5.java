package io.mlci.core.data.hash;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The MD5 compression function on as many independent streams as one vector register has int
 * lanes: 16 with 512-bit vectors, 8 with 256-bit ones. Every lane runs the same 64 steps on its
 * own state and message block, so the lanes cost what one stream costs in scalar code.
 *
 * <p>Only {@link HashKernel} may load this class: it refers to {@code jdk.incubator.vector}, which
 * is present only when the JVM was started with {@code --add-modules jdk.incubator.vector}.
 *
 * <p>Layouts, with {@code L} lanes: the state is {@code a} of every lane, then {@code b}, {@code
 * c}, {@code d} ({@code 4 * L} ints). Each lane's blocks stay where its file was read to; one
 * gather per message word collects that word of every lane into one vector (word 0 of every lane,
 * then word 1, ...), so the input is never transposed word by word in scalar code, which cost more
 * than the kernel itself. The 64 steps run as sixteen calls of four
 * steps each: C2 stops inlining the Vector API's internals partway through a larger method, and
 * every vector crossing a call it did not inline is boxed on the heap, which costs more than
 * the kernel. Between the calls the state stays in the {@code state} array (in L1 cache).
 */
final class VectorMd5 implements LaneCompressor {

    /** A constant for the JIT: the widest vector this CPU and JVM offer. */
    static final VectorSpecies<Integer> SPECIES = IntVector.SPECIES_PREFERRED;
    private static final int L = SPECIES.length();

    @Override
    public int lanes() {
        return L;
    }

    /** One block of every lane in word-major order; kept so the steps read it from L1 cache. */
    private final int[] words = new int[16 * L];

    @Override
    public void compress(int[] state, int[] data, int[] starts, int blocks) {
        for (int block = 0; block < blocks; block++) {
            for (int word = 0; word < 16; word++) {
                IntVector.fromArray(SPECIES, data, block * 16 + word, starts, 0).intoArray(words, word * L);
            }
            compressOne(state, words, 0);
        }
    }

    private static void compressOne(int[] state, int[] words, int at) {
        IntVector a0 = IntVector.fromArray(SPECIES, state, 0);
        IntVector b0 = IntVector.fromArray(SPECIES, state, L);
        IntVector c0 = IntVector.fromArray(SPECIES, state, 2 * L);
        IntVector d0 = IntVector.fromArray(SPECIES, state, 3 * L);
        for (int step = 0; step < 16; step += 4) {
            stepsF(state, words, at, step);
        }
        for (int step = 16; step < 32; step += 4) {
            stepsG(state, words, at, step);
        }
        for (int step = 32; step < 48; step += 4) {
            stepsH(state, words, at, step);
        }
        for (int step = 48; step < 64; step += 4) {
            stepsI(state, words, at, step);
        }
        IntVector.fromArray(SPECIES, state, 0).add(a0).intoArray(state, 0);
        IntVector.fromArray(SPECIES, state, L).add(b0).intoArray(state, L);
        IntVector.fromArray(SPECIES, state, 2 * L).add(c0).intoArray(state, 2 * L);
        IntVector.fromArray(SPECIES, state, 3 * L).add(d0).intoArray(state, 3 * L);
    }

    // Four steps with one round function: F = d ^ (b & (c ^ d)), G = c ^ (d & (b ^ c)),
    // H = b ^ c ^ d, I = c ^ (b | ~d). After four steps a, b, c, d are back in their places.
    // Written out once per function on purpose: one method taking the function as a lambda would
    // see four lambdas at one call site, which C2 does not inline, and its vectors would be boxed.

    private static void stepsF(int[] state, int[] words, int at, int step) {
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, L);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * L);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * L);
        a = step(a, b, d.lanewise(VectorOperators.XOR, b.and(c.lanewise(VectorOperators.XOR, d))), words, at, step);
        d = step(d, a, c.lanewise(VectorOperators.XOR, a.and(b.lanewise(VectorOperators.XOR, c))), words, at, step + 1);
        c = step(c, d, b.lanewise(VectorOperators.XOR, d.and(a.lanewise(VectorOperators.XOR, b))), words, at, step + 2);
        b = step(b, c, a.lanewise(VectorOperators.XOR, c.and(d.lanewise(VectorOperators.XOR, a))), words, at, step + 3);
        a.intoArray(state, 0);
        b.intoArray(state, L);
        c.intoArray(state, 2 * L);
        d.intoArray(state, 3 * L);
    }

    private static void stepsG(int[] state, int[] words, int at, int step) {
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, L);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * L);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * L);
        a = step(a, b, c.lanewise(VectorOperators.XOR, d.and(b.lanewise(VectorOperators.XOR, c))), words, at, step);
        d = step(d, a, b.lanewise(VectorOperators.XOR, c.and(a.lanewise(VectorOperators.XOR, b))), words, at, step + 1);
        c = step(c, d, a.lanewise(VectorOperators.XOR, b.and(d.lanewise(VectorOperators.XOR, a))), words, at, step + 2);
        b = step(b, c, d.lanewise(VectorOperators.XOR, a.and(c.lanewise(VectorOperators.XOR, d))), words, at, step + 3);
        a.intoArray(state, 0);
        b.intoArray(state, L);
        c.intoArray(state, 2 * L);
        d.intoArray(state, 3 * L);
    }

    private static void stepsH(int[] state, int[] words, int at, int step) {
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, L);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * L);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * L);
        a = step(a, b, b.lanewise(VectorOperators.XOR, c).lanewise(VectorOperators.XOR, d), words, at, step);
        d = step(d, a, a.lanewise(VectorOperators.XOR, b).lanewise(VectorOperators.XOR, c), words, at, step + 1);
        c = step(c, d, d.lanewise(VectorOperators.XOR, a).lanewise(VectorOperators.XOR, b), words, at, step + 2);
        b = step(b, c, c.lanewise(VectorOperators.XOR, d).lanewise(VectorOperators.XOR, a), words, at, step + 3);
        a.intoArray(state, 0);
        b.intoArray(state, L);
        c.intoArray(state, 2 * L);
        d.intoArray(state, 3 * L);
    }

    private static void stepsI(int[] state, int[] words, int at, int step) {
        IntVector a = IntVector.fromArray(SPECIES, state, 0);
        IntVector b = IntVector.fromArray(SPECIES, state, L);
        IntVector c = IntVector.fromArray(SPECIES, state, 2 * L);
        IntVector d = IntVector.fromArray(SPECIES, state, 3 * L);
        a = step(a, b, c.lanewise(VectorOperators.XOR, b.or(d.lanewise(VectorOperators.NOT))), words, at, step);
        d = step(d, a, b.lanewise(VectorOperators.XOR, a.or(c.lanewise(VectorOperators.NOT))), words, at, step + 1);
        c = step(c, d, a.lanewise(VectorOperators.XOR, d.or(b.lanewise(VectorOperators.NOT))), words, at, step + 2);
        b = step(b, c, d.lanewise(VectorOperators.XOR, c.or(a.lanewise(VectorOperators.NOT))), words, at, step + 3);
        a.intoArray(state, 0);
        b.intoArray(state, L);
        c.intoArray(state, 2 * L);
        d.intoArray(state, 3 * L);
    }

    /** b + ((a + mixed + K[step] + M[G[step]]) <<< S[step]) */
    private static IntVector step(IntVector a, IntVector b, IntVector mixed, int[] words, int at, int step) {
        IntVector sum = a.add(mixed).add(IntVector.fromArray(SPECIES, words, at + G[step] * L))
                .add(IntVector.broadcast(SPECIES, K[step]));
        return b.add(sum.lanewise(VectorOperators.ROL, S[step]));
    }

    /** The additive constants: floor(|sin(i + 1)| * 2^32). */
    private static final int[] K = {
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391
    };

    /** The rotation of each step. */
    private static final int[] S = {
        7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22,
        5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20,
        4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23,
        6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21
    };

    /** Which message word each step adds. */
    private static final int[] G = {
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        1, 6, 11, 0, 5, 10, 15, 4, 9, 14, 3, 8, 13, 2, 7, 12,
        5, 8, 11, 14, 1, 4, 7, 10, 13, 0, 3, 6, 9, 12, 15, 2,
        0, 7, 14, 5, 12, 3, 10, 1, 8, 15, 6, 13, 4, 11, 2, 9
    };
}
