package io.mlci.core.data.hash;

import org.junit.Assume;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-buffer kernel against MessageDigest on real files. Runs where the JVM has the vector
 * module and 256-bit or wider vectors (the build passes the module to the tests).
 */
public class MultiBufferMd5Test {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(18);
    private HashKernel kernel;

    @Before
    public void needsTheVectorKernel() {
        kernel = HashKernel.choose(Map.of(HashKernel.ENV, "simd"));
        Assume.assumeTrue("vector kernel unavailable: " + kernel.reason(), kernel.simd());
    }

    @Test
    public void shouldHashInAsManyLanesAsTheVectorsHoldInts() {
        // the build runs this class a second time with vectors capped at 256 bits (AVX2's width)
        String expected = System.getProperty("mlci.test.expectedLanes");
        int lanes = kernel.newMultiBuffer().lanes();
        if (expected != null) {
            assertThat(lanes).isEqualTo(Integer.parseInt(expected));
        } else {
            assertThat(lanes).isEqualTo(jdk.incubator.vector.IntVector.SPECIES_PREFERRED.length()).isGreaterThanOrEqualTo(8);
        }
    }

    private Path file(String name, int length) throws IOException {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return Files.write(temp.getRoot().toPath().resolve(name), bytes);
    }

    private static String md5(Path file) throws IOException {
        return Hex.encode(FileHasher.newMd5().digest(Files.readAllBytes(file)));
    }

    /** Hashes the files through one instance; unreadable ones map to the error's class. */
    private Map<Path, String> hashAll(List<Path> files) {
        Map<Path, String> results = new LinkedHashMap<>();
        var remaining = new ArrayList<>(files).iterator();
        kernel.newMultiBuffer().hashAll(new MultiBufferMd5.Feed<Path>() {
            @Override
            public Path next() {
                return remaining.hasNext() ? remaining.next() : null;
            }

            @Override
            public Path path(Path item) {
                return item;
            }

            @Override
            public void hashed(Path item, String md5) {
                assertThat(results.put(item, md5)).as("reported once: " + item).isNull();
            }

            @Override
            public void failed(Path item, IOException error) {
                results.put(item, "failed: " + error.getClass().getSimpleName());
            }
        });
        return results;
    }

    @Test
    public void shouldMatchMessageDigestForEveryLengthFrom0To300() throws Exception {
        // covers the empty file, 55/56 (padding fits or spills into a second block), 63/64/65,
        // and the same around each later block boundary; every lane gets files of other lengths
        List<Path> files = new ArrayList<>();
        for (int length = 0; length <= 300; length++) {
            files.add(file("len-" + length, length));
        }

        Map<Path, String> hashed = hashAll(files);

        assertThat(hashed).hasSize(files.size());
        for (Path file : files) {
            assertThat(hashed.get(file)).as(file.getFileName().toString()).isEqualTo(md5(file));
        }
    }

    @Test
    public void shouldMatchMessageDigestAcrossChunkBoundariesAndRandomSizes() throws Exception {
        int chunk = MultiBufferMd5.CHUNK;
        List<Path> files = new ArrayList<>();
        for (int length : new int[]{chunk - 65, chunk - 64, chunk - 9, chunk - 8, chunk - 1, chunk, chunk + 1,
                chunk + 55, chunk + 56, 2 * chunk, 3 * chunk + 7}) {
            files.add(file("around-chunk-" + length, length));
        }
        for (int i = 0; i < 60; i++) {
            files.add(file("random-" + i, random.nextInt(i % 3 == 0 ? 600_000 : 5_000)));
        }

        Map<Path, String> hashed = hashAll(files);

        for (Path file : files) {
            assertThat(hashed.get(file)).as(file.getFileName().toString()).isEqualTo(md5(file));
        }
    }

    @Test
    public void shouldRefillALaneAsSoonAsItsFileEnds() throws Exception {
        // one long file keeps its lane busy while the other lanes go through many short files:
        // all finish, and the long one is still right
        List<Path> files = new ArrayList<>();
        files.add(file("long", 5 * MultiBufferMd5.CHUNK + 13));
        for (int i = 0; i < 10 * kernel.lanes(); i++) {
            files.add(file("short-" + i, 1 + random.nextInt(200)));
        }

        Map<Path, String> hashed = hashAll(files);

        assertThat(hashed).hasSize(files.size());
        for (Path file : files) {
            assertThat(hashed.get(file)).isEqualTo(md5(file));
        }
    }

    @Test
    public void shouldReportUnreadableFilesAndHashTheOthers() throws Exception {
        Path before = file("before", 100);
        Path missing = temp.getRoot().toPath().resolve("missing");
        Path directory = temp.newFolder("a-directory").toPath();
        Path after = file("after", 70_000);

        Map<Path, String> hashed = hashAll(List.of(before, missing, directory, after));

        assertThat(hashed.get(before)).isEqualTo(md5(before));
        assertThat(hashed.get(after)).isEqualTo(md5(after));
        assertThat(hashed.get(missing)).isEqualTo("failed: NoSuchFileException");
        assertThat(hashed.get(directory)).startsWith("failed: ");
    }

    @Test
    public void shouldHashTheBytesAsReadWhenAFileChangesAfterItWasListed() throws Exception {
        // the listing said 10 bytes; the file has 100,000 by the time it is read: like the scalar
        // path, the hash is of what was read (the stat cache and data add's verification catch it)
        Path grown = file("grown", 10);
        Files.write(grown, new byte[100_000]);

        assertThat(hashAll(List.of(grown)).get(grown))
                .isEqualTo(md5(grown)).isEqualTo(new FileHasher().hash(grown, HashAlgorithm.MD5));
    }

    @Test
    public void shouldTellWhyAPathWasChosen() {
        assertThat(HashKernel.choose(Map.of(HashKernel.ENV, "scalar")).describe()).isEqualTo("scalar (MLCI_HASH=scalar)");
        HashKernel forced = HashKernel.choose(Map.of(HashKernel.ENV, "SIMD"));
        assertThat(forced.forced()).isTrue();
        assertThat(forced.describe()).startsWith("simd, " + kernel.lanes() + " lanes (MLCI_HASH=simd; ");
        HashKernel auto = HashKernel.choose(Map.of());
        assertThat(auto.forced()).isFalse();
        assertThat(auto.describe()).startsWith("simd, " + kernel.lanes() + " lanes (")
                .contains("for batches of 4 GiB or more in files up to 4 MiB")
                .contains("smaller batches one file per thread");
        assertThat(kernel.selfCheck()).isTrue();
    }

    @Test
    public void shouldUseTheLanesByDefaultOnlyForBatchesThatPayForCompilingTheKernel() {
        HashKernel auto = HashKernel.choose(Map.of());
        int lanes = auto.lanes();

        assertThat(auto.usesLanes(80_000, 80_000L * (64 << 10))).as("80,000 x 64 KiB").isTrue();
        assertThat(auto.usesLanes(40_000, 40_000L * (64 << 10))).as("40,000 x 64 KiB").isFalse();
        assertThat(auto.usesLanes(600, 600L * (4 << 20))).as("600 x 4 MiB").isFalse();
        assertThat(auto.usesLanes(100_000, 100_000L * (4 << 10))).as("100,000 x 4 KiB").isFalse();
        assertThat(auto.usesLanes(100_000, HashKernel.AUTO_MIN_BYTES)).as("just enough bytes").isTrue();
        assertThat(auto.usesLanes(100_000, HashKernel.AUTO_MIN_BYTES - 1)).as("a byte short").isFalse();
        assertThat(auto.usesLanes(2 * lanes - 1, 1L << 32)).as("too few files to keep the lanes full").isFalse();
        assertThat(auto.usesLanes(2 * lanes, 1L << 32)).isTrue();
        assertThat(auto.usesLanes(0, 0)).isFalse();

        assertThat(kernel.usesLanes(1, 10)).as("MLCI_HASH=simd: every batch").isTrue();
        assertThat(HashKernel.choose(Map.of(HashKernel.ENV, "scalar")).usesLanes(20_000, 1L << 32)).isFalse();
    }
}
