package io.mlci.core.pipeline;

import io.mlci.core.data.pointer.DvcIgnore;
import io.mlci.core.data.pointer.DvcLock;
import io.mlci.core.data.pointer.LockStage;
import io.mlci.core.data.pointer.Output;
import io.mlci.core.data.pointer.PointerScanner;
import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A stage with a {@code wdir}: DVC writes its lock paths and params file relative to that
 * directory ({@code ../raw.txt}, {@code ../params.yaml}). The lock here is laid out as DVC 3
 * writes it, with hashes computed in the test independently of mlci's hashing.
 */
public class WorkingDirLockTest {

    private static final String DVC_YAML = """
            stages:
              count:
                wdir: sub
                cmd: python3 count.py
                deps:
                - count.py
                - ../raw.txt
                params:
                - ../params.yaml:
                  - n
                outs:
                - out.txt
            """;

    private static final String COUNT_PY = """
            n = int(open('../params.yaml').read().split('n:')[1].split()[0])
            open('out.txt', 'w').write(open('../raw.txt').read() * n)
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private String dvcLock;

    @Before
    public void setUp() throws Exception {
        repo = temp.newFolder("repo").toPath();
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "dvc.yaml", DVC_YAML);
            TestRepos.write(repo, "params.yaml", "n: 3\nunused: 1\n");
            TestRepos.write(repo, "raw.txt", "hello\n");
            TestRepos.write(repo, "sub/count.py", COUNT_PY);
            TestRepos.write(repo, "sub/out.txt", "hello\n".repeat(3));
            dvcLock = "schema: '2.0'\nstages:\n  count:\n    cmd: python3 count.py\n    deps:\n"
                    + entry("../raw.txt", repo.resolve("raw.txt"))
                    + entry("count.py", repo.resolve("sub/count.py"))
                    + "    params:\n      ../params.yaml:\n        n: 3\n    outs:\n"
                    + entry("out.txt", repo.resolve("sub/out.txt"));
            TestRepos.write(repo, "dvc.lock", dvcLock);
            TestRepos.write(repo, ".gitignore", "/sub/out.txt\n/.mlci\n/.dvc/cache\n");
            GitRepos.commitAll(git, "pipeline in a subdirectory");
        }
    }

    private static String entry(String path, Path file) throws Exception {
        return "    - path: " + path + "\n      hash: md5\n      md5: " + ReproTest.md5(file) + "\n      size: "
                + Files.size(file) + "\n";
    }

    private ReproOutcome repro() {
        TrainOptions run = TrainOptions.defaults(Map.of("PATH", System.getenv("PATH"), "HOME", temp.getRoot().toString()),
                        "test").withStore(temp.getRoot().toPath().resolve("store").toString())
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL)
                .withOutput(line -> { }, io.mlci.core.run.exec.OutputSink.NONE);
        return new Repro(repo, new ReproOptions(List.of(), false, false, false, false, false, run)).run();
    }

    @Test
    public void shouldResolveTheLocksPathsFromTheStagesWorkingDirectory() {
        LockStage count = DvcLock.read(repo, repo.resolve("dvc.lock")).stages().get(0);

        assertThat(count.deps()).extracting(Output::path).containsExactly("../raw.txt", "count.py");
        assertThat(count.deps()).extracting(Output::workspacePath).containsExactly("raw.txt", "sub/count.py");
        assertThat(count.outs()).extracting(Output::workspacePath).containsExactly("sub/out.txt");
        assertThat(count.params().get("../params.yaml").get("n").intValue()).isEqualTo(3);
    }

    @Test
    public void shouldFindTheLocksOutputsWhereTheStageWroteThem() {
        List<TrackedOutput> tracked = PointerScanner.scan(repo, DvcIgnore.load(repo));

        assertThat(tracked).extracting(t -> t.role() + " " + t.output().workspacePath())
                .containsExactlyInAnyOrder("DEP raw.txt", "DEP sub/count.py", "OUT sub/out.txt");
    }

    @Test
    public void shouldKeepTheLockDvcWroteWhenNothingChangedAndRerunWhenTheParentParamsFileDoes() throws Exception {
        ReproOutcome unchanged = repro();

        assertThat(unchanged.stages()).extracting(s -> s.state()).containsExactly("unchanged");
        assertThat(Files.readString(repo.resolve("dvc.lock"))).isEqualTo(dvcLock);

        TestRepos.write(repo, "params.yaml", "n: 2\nunused: 1\n");
        ReproOutcome changed = repro();

        assertThat(changed.stages()).extracting(s -> s.state()).containsExactly("ran");
        assertThat(changed.stages().get(0).reason()).contains("'n'");
        assertThat(Files.readString(repo.resolve("sub/out.txt"))).isEqualTo("hello\nhello\n");
        assertThat(Files.readString(repo.resolve("dvc.lock"))).contains("    params:\n      ../params.yaml:\n        n: 2\n")
                .doesNotContain("unused");
        assertThat(repro().stages()).extracting(s -> s.state()).containsExactly("unchanged");
    }

    @Test
    public void shouldReadTheWorkingDirectoryOfGeneratedStagesAndRefuseOneOutsideTheRepository() throws Exception {
        TestRepos.write(repo, "dvc.yaml", "stages:\n  count:\n    foreach: [a]\n    do:\n      wdir: sub\n"
                + "      cmd: python3 count.py\n");
        TestRepos.write(repo, "dvc.lock", dvcLock.replace("  count:", "  count@a:"));

        assertThat(DvcLock.read(repo, repo.resolve("dvc.lock")).stages().get(0).deps())
                .extracting(Output::workspacePath).containsExactly("raw.txt", "sub/count.py");

        TestRepos.write(repo, "dvc.yaml", "stages:\n  count:\n    matrix:\n      n: [1]\n    wdir: sub\n"
                + "    cmd: python3 count.py\n");
        TestRepos.write(repo, "dvc.lock", dvcLock.replace("  count:", "  count@1:"));

        assertThat(DvcLock.read(repo, repo.resolve("dvc.lock")).stages().get(0).outs())
                .extracting(Output::workspacePath).containsExactly("sub/out.txt");

        TestRepos.write(repo, "dvc.lock", dvcLock.replace("  count:", "  count@a:"));
        TestRepos.write(repo, "dvc.yaml", "stages:\n  count@a:\n    wdir: ../..\n    cmd: python3 count.py\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DvcLock.read(repo, repo.resolve("dvc.lock")))
                .hasMessageContaining("dvc.yaml").hasMessageContaining("stages.count@a.wdir")
                .hasMessageContaining("outside the repository");
    }
}
