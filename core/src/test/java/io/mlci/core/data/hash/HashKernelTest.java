package io.mlci.core.data.hash;

import io.mlci.core.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class HashKernelTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldRefuseAnUnknownMlciHashNamingTheVariable() {
        assertThatThrownBy(() -> HashKernel.choose(Map.of(HashKernel.ENV, "avx")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("MLCI_HASH").hasMessageContaining("'avx'").hasMessageContaining("scalar");
    }

    @Test
    public void shouldFallBackToScalarInAJvmStartedWithoutTheVectorModule() throws Exception {
        // a real JVM on this test's class path, without --add-modules: it must not crash, must
        // say why it is scalar, and must hash a batch big enough for lanes correctly
        Path dir = temp.newFolder("batch").toPath();
        for (int i = 0; i < 40; i++) {
            Files.write(dir.resolve("f" + i), new byte[i * 100]);
        }
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                KernelProbe.class.getName(), dir.toString()).redirectErrorStream(true);
        builder.environment().remove(HashKernel.ENV);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("scalar (the JVM was started without --add-modules jdk.incubator.vector)")
                .contains("hashed 40 files, all equal to MessageDigest")
                .doesNotContain("WARNING: Using incubator modules");
    }

    /** What the probe process prints. Files hashed with FileBatchHasher vs one by one. */
    public static final class KernelProbe {
        public static void main(String[] args) throws Exception {
            HashKernel kernel = HashKernel.current();
            System.out.println(kernel.describe());
            List<Path> files;
            try (var listing = Files.list(Path.of(args[0]))) {
                files = listing.sorted().toList();
            }
            Map<Path, String> hashes = new java.util.concurrent.ConcurrentHashMap<>();
            new FileBatchHasher(2, HashKernel::current).hashAll("probe", files, f -> f, f -> f.toFile().length(),
                    HashAlgorithm.MD5, hashes::put);
            for (Path file : files) {
                if (!hashes.get(file).equals(FileHasher.md5Of(file))) {
                    System.out.println("differs: " + file);
                    System.exit(1);
                }
            }
            System.out.println("hashed " + files.size() + " files, all equal to MessageDigest");
        }
    }
}
