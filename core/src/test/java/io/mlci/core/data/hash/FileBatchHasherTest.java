package io.mlci.core.data.hash;

import io.mlci.core.MlciException;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class FileBatchHasherTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private final Random random = new Random(7);

    private List<Path> files(int count, int maxLength) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[random.nextInt(maxLength + 1)];
            random.nextBytes(bytes);
            files.add(Files.write(temp.getRoot().toPath().resolve("f" + i + "-" + bytes.length), bytes));
        }
        return files;
    }

    private static Map<Path, String> hash(FileBatchHasher hasher, List<Path> files, HashAlgorithm algorithm) {
        Map<Path, String> hashes = new ConcurrentHashMap<>();
        List<Path> biggestFirst = new ArrayList<>(files);
        biggestFirst.sort(Comparator.comparingLong((Path f) -> f.toFile().length()).reversed());
        hasher.hashAll("hashing", biggestFirst, f -> f, f -> f.toFile().length(), algorithm, hashes::put);
        return hashes;
    }

    private static HashKernel simd() {
        HashKernel kernel = HashKernel.choose(Map.of(HashKernel.ENV, "simd"));
        Assume.assumeTrue(kernel.reason(), kernel.simd());
        return kernel;
    }

    @Test
    public void shouldGiveTheSameHashesOnEveryPathWithABigFileBesideTheLanes() throws Exception {
        List<Path> files = files(150, 70_000);
        byte[] big = new byte[(int) FileBatchHasher.LANE_MAX + 1];
        random.nextBytes(big);
        files.add(Files.write(temp.getRoot().toPath().resolve("big"), big));
        HashKernel simd = simd();

        Map<Path, String> lanes = hash(new FileBatchHasher(3, () -> simd), files, HashAlgorithm.MD5);
        Map<Path, String> scalar = hash(new FileBatchHasher(3, () -> HashKernel.choose(Map.of(HashKernel.ENV, "scalar"))),
                files, HashAlgorithm.MD5);

        assertThat(lanes).hasSize(files.size()).isEqualTo(scalar);
        for (Path file : files) {
            assertThat(lanes.get(file)).isEqualTo(FileHasher.md5Of(file));
        }
    }

    @Test
    public void shouldGiveMessageDigestHashesWhenTheDefaultKernelPicksTheLanesForABigBatch() throws Exception {
        List<Path> files = files(1_200, 9_000);
        HashKernel auto = HashKernel.choose(Map.of());
        Assume.assumeTrue(auto.reason(), auto.simd());
        // each file claims enough bytes for the batch to reach the default's threshold: the
        // chooser sends it to the lanes, and the lanes read the files as they really are
        long claimed = Math.min(FileBatchHasher.LANE_MAX, HashKernel.AUTO_MIN_BYTES / files.size() + 1);
        assertThat(auto.usesLanes(files.size(), claimed * files.size())).isTrue();
        FileBatchHasher hasher = new FileBatchHasher(2, () -> auto);

        // first while the kernel may still be compiling (files go one per thread meanwhile) ...
        Map<Path, String> first = new ConcurrentHashMap<>();
        hasher.hashAll("hashing", files, f -> f, f -> claimed, HashAlgorithm.MD5, first::put);
        // ... then once the warm-up has settled, when a compiled kernel takes the batch from the start
        KernelWarmup.begin();
        try {
            long deadline = System.nanoTime() + 2 * KernelWarmup.GIVE_UP_NANOS + 10_000_000_000L;
            while (!KernelWarmup.settled() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        } finally {
            KernelWarmup.end();
        }
        assertThat(KernelWarmup.settled()).isTrue();
        Map<Path, String> second = new ConcurrentHashMap<>();
        hasher.hashAll("hashing", files, f -> f, f -> claimed, HashAlgorithm.MD5, second::put);

        assertThat(first).hasSize(files.size()).isEqualTo(second);
        for (Path file : files) {
            assertThat(first.get(file)).isEqualTo(FileHasher.md5Of(file));
        }
    }

    @Test
    public void shouldKeepDosToUnixHashesOnTheScalarPath() throws Exception {
        Path text = Files.write(temp.getRoot().toPath().resolve("crlf.txt"), "a\r\nb\r\n".getBytes(StandardCharsets.US_ASCII));
        List<Path> files = new ArrayList<>(files(40, 300));
        files.add(text);
        HashKernel simd = simd();

        Map<Path, String> hashes = hash(new FileBatchHasher(2, () -> simd), files, HashAlgorithm.MD5_DOS2UNIX);

        // DVC 2.x hashed text with CRLF as if it had LF
        assertThat(hashes.get(text)).isEqualTo(FileHasher.md5Hex("a\nb\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    public void shouldHashEveryReadableFileAndNameTheUnreadableOnes() throws Exception {
        List<Path> files = new ArrayList<>(files(100, 5_000));
        Path missing = temp.getRoot().toPath().resolve("vanished");
        files.add(50, missing);
        HashKernel simd = simd();
        Map<Path, String> hashes = new ConcurrentHashMap<>();

        assertThatThrownBy(() -> new FileBatchHasher(2, () -> simd).hashAll("hashing data", files, f -> f, f -> 0L,
                HashAlgorithm.MD5, hashes::put))
                .isInstanceOf(RuntimeException.class)
                .hasMessageContaining("cannot read " + missing);
        assertThat(hashes).hasSize(100).doesNotContainKey(missing);

        Path alsoMissing = temp.getRoot().toPath().resolve("also-vanished");
        files.add(alsoMissing);
        assertThatThrownBy(() -> new FileBatchHasher(2, () -> simd).hashAll("hashing data", files, f -> f, f -> 0L,
                HashAlgorithm.MD5, (f, md5) -> { }))
                .isInstanceOf(MlciException.class)
                .hasMessageContaining("hashing data: 2 of 102 failed")
                .hasMessageContaining(missing.toString()).hasMessageContaining(alsoMissing.toString());
    }
}
