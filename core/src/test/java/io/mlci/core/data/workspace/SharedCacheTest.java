package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.DvcConfig;
import io.mlci.core.testing.PullProcess;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Several processes (parallel Jenkins builds on one agent) pulling into one shared cache. */
public class SharedCacheTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldLetConcurrentProcessesShareOneCache() throws Exception {
        Path origin = temp.newFolder("origin").toPath().toRealPath();
        Path remote = temp.newFolder("remote").toPath().toRealPath();
        Path shared = temp.newFolder("shared-cache").toPath().toRealPath();
        TestRepos.randomFiles(origin.resolve("data"), 400, 32 * 1024, 3);
        try (DataWorkspace workspace = DataWorkspace.open(origin, DataOptions.defaults())) {
            workspace.add(origin.resolve("data"));
        }
        DvcConfig.addRemote(origin.resolve(".dvc"), "local", remote.toString(), true);
        try (DataWorkspace workspace = DataWorkspace.open(origin, DataOptions.defaults())) {
            workspace.push(null, List.of());
        }

        List<Path> clones = new ArrayList<>();
        List<Process> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path clone = temp.newFolder("clone-" + i).toPath().toRealPath();
            Files.createDirectories(clone.resolve(".dvc"));
            Files.copy(origin.resolve("data.dvc"), clone.resolve("data.dvc"));
            Files.copy(origin.resolve(".dvc/config"), clone.resolve(".dvc/config"));
            Files.writeString(clone.resolve(".dvc/config"), "[cache]\n    dir = " + shared + "\n", StandardOpenOption.APPEND);
            clones.add(clone);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (Path clone : clones) {
            pulls.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), PullProcess.class.getName(),
                    clone.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
        }
        for (Process pull : pulls) {
            assertThat(pull.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(pull.exitValue()).isZero();
        }

        for (Path clone : clones) {
            try (DataWorkspace workspace = DataWorkspace.open(clone, DataOptions.defaults())) {
                assertThat(workspace.verify(List.of())).as(clone.toString()).isEmpty();
            }
        }
        assertThat(shared.resolve("files/md5")).isDirectory();
    }
}
