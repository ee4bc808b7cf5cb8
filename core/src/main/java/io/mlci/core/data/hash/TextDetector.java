package io.mlci.core.data.hash;

/**
 * DVC 2.x's "is this a text file" test, applied to the first 512 bytes: no NUL byte and at most
 * 30% of bytes outside printable ASCII and {@code \n \r \t \f \b}. An empty file counts as text.
 */
final class TextDetector {

    static final int BLOCK_SIZE = 512;

    private TextDetector() {
    }

    static boolean looksLikeText(byte[] block, int length) {
        if (length == 0) {
            return true;
        }
        int nonText = 0;
        for (int i = 0; i < length; i++) {
            int b = block[i] & 0xFF;
            if (b == 0) {
                return false;
            }
            if (!isTextByte(b)) {
                nonText++;
            }
        }
        return (double) nonText / length <= 0.30;
    }

    private static boolean isTextByte(int b) {
        return b >= 32 && b < 127 || b == '\n' || b == '\r' || b == '\t' || b == '\f' || b == '\b';
    }
}
