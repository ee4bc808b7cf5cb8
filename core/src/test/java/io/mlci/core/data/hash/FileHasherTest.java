package io.mlci.core.data.hash;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

public class FileHasherTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final FileHasher hasher = new FileHasher();

    private Path file(String name, byte[] content) throws Exception {
        Path path = temp.getRoot().toPath().resolve(name);
        Files.write(path, content);
        return path;
    }

    @Test
    public void shouldHashRawBytesForDvc3() throws Exception {
        assertThat(hasher.hash(file("foo", "foo".getBytes(StandardCharsets.US_ASCII)), HashAlgorithm.MD5))
                .isEqualTo("acbd18db4cc2f85cedef654fccc4a4d8");
    }

    @Test
    public void shouldHashEmptyFiles() throws Exception {
        assertThat(hasher.hash(file("empty", new byte[0]), HashAlgorithm.MD5)).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(hasher.hash(file("empty2", new byte[0]), HashAlgorithm.MD5_DOS2UNIX)).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    public void shouldTreatCrlfTextAsLfUnderTheLegacyRule() throws Exception {
        Path crlf = file("crlf", "a\r\nb\r\nc".getBytes(StandardCharsets.US_ASCII));
        Path lf = file("lf", "a\nb\nc".getBytes(StandardCharsets.US_ASCII));

        assertThat(hasher.hash(crlf, HashAlgorithm.MD5_DOS2UNIX)).isEqualTo(hasher.hash(lf, HashAlgorithm.MD5));
        assertThat(hasher.hash(crlf, HashAlgorithm.MD5)).isNotEqualTo(hasher.hash(lf, HashAlgorithm.MD5));
    }

    @Test
    public void shouldKeepLoneCarriageReturnsUnderTheLegacyRule() throws Exception {
        Path cr = file("cr", "a\rb\r".getBytes(StandardCharsets.US_ASCII));

        assertThat(hasher.hash(cr, HashAlgorithm.MD5_DOS2UNIX)).isEqualTo(hasher.hash(cr, HashAlgorithm.MD5));
    }

    @Test
    public void shouldNotConvertBinaryFilesUnderTheLegacyRule() throws Exception {
        Path binary = file("bin", new byte[] {'a', '\r', '\n', 0, 'b'});

        assertThat(hasher.hash(binary, HashAlgorithm.MD5_DOS2UNIX)).isEqualTo(hasher.hash(binary, HashAlgorithm.MD5));
    }

    @Test
    public void shouldJudgeTextByTheShareOfNonTextBytes() throws Exception {
        byte[] mostlyHighBytes = new byte[100];
        Arrays.fill(mostlyHighBytes, (byte) 0xC3); // more than 30% non-ASCII: treated as binary
        mostlyHighBytes[10] = '\r';
        mostlyHighBytes[11] = '\n';
        Path binaryLooking = file("latin", mostlyHighBytes);

        assertThat(hasher.hash(binaryLooking, HashAlgorithm.MD5_DOS2UNIX))
                .isEqualTo(hasher.hash(binaryLooking, HashAlgorithm.MD5));
    }

    @Test
    public void shouldConvertCrlfSplitAcrossReadBuffers() throws Exception {
        int bufferSize = 1 << 20;
        byte[] crlf = new byte[bufferSize + 1];
        Arrays.fill(crlf, (byte) 'x');
        crlf[bufferSize - 1] = '\r';
        crlf[bufferSize] = '\n';
        byte[] lf = Arrays.copyOf(crlf, bufferSize);
        lf[bufferSize - 1] = '\n';

        assertThat(hasher.hash(file("big-crlf", crlf), HashAlgorithm.MD5_DOS2UNIX))
                .isEqualTo(hasher.hash(file("big-lf", lf), HashAlgorithm.MD5));
    }

    @Test
    public void shouldKeepACarriageReturnAtABufferEndThatIsNotFollowedByLf() throws Exception {
        int bufferSize = 1 << 20;
        byte[] content = new byte[bufferSize + 1];
        Arrays.fill(content, (byte) 'x');
        content[bufferSize - 1] = '\r';
        Path file = file("cr-at-boundary", content);

        assertThat(hasher.hash(file, HashAlgorithm.MD5_DOS2UNIX)).isEqualTo(hasher.hash(file, HashAlgorithm.MD5));
    }

    /** Large files are read ahead in chunks by several threads; the digest must still see every byte in order. */
    @Test
    public void shouldHashALargeFileReadAheadInChunksExactlyAsOneStream() throws Exception {
        byte[] content = new byte[(int) FileHasher.READ_AHEAD_FROM + (5 << 20) + 12_345];
        new java.util.Random(42).nextBytes(content);
        Path file = temp.newFile("large.bin").toPath();
        Files.write(file, content);
        String expected = Hex.encode(FileHasher.newMd5().digest(content));

        FileHasher hasher = new FileHasher();
        assertThat(hasher.hash(file, HashAlgorithm.MD5)).isEqualTo(expected);
        assertThat(hasher.hash(file, HashAlgorithm.MD5)).as("buffers reused by the next file").isEqualTo(expected);
    }
}
