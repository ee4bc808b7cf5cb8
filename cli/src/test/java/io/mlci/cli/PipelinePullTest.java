package io.mlci.cli;

import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DVC pipelines shared as DVC users share them: dvc.yaml, dvc.lock and the code in a real git
 * repository, the data pushed to a remote (a local directory remote), then a fresh clone
 * pulling or reproducing them. Metrics are marked {@code cache: false}: kept in git, never
 * cached, pushed or pulled.
 */
public class PipelinePullTest {

    /** Also a {@code push: false} scratch file, and a stage in a {@code wdir}, to which its lock paths are relative. */
    private static final String FLAGGED = """
            stages:
              prepare:
                cmd: >-
                  mkdir -p prepared && tr a-z A-Z < data/raw.txt > prepared/upper.txt && echo scratch > scratch.txt
                  && echo '{"lines": 3}' > metrics.json
                deps:
                - data/raw.txt
                outs:
                - prepared
                - scratch.txt:
                    push: false
                metrics:
                - metrics.json:
                    cache: false
              report:
                wdir: src
                cmd: wc -l < ../prepared/upper.txt > ../report.txt
                deps:
                - ../prepared
                outs:
                - ../report.txt
            """;

    private static final String CHAIN = """
            stages:
              prepare:
                cmd: mkdir -p prepared && tr a-z A-Z < data/raw.txt > prepared/upper.txt
                deps:
                - data/raw.txt
                outs:
                - prepared
              count:
                cmd: >-
                  wc -l < prepared/upper.txt > count.txt && echo '{"lines": 3}' > metrics.json
                deps:
                - prepared
                outs:
                - count.txt
                metrics:
                - metrics.json:
                    cache: false
              report:
                cmd: sed 's/^/lines=/' count.txt > report.txt
                deps:
                - count.txt
                outs:
                - report.txt
            """;

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Path remote;
    private Map<String, String> env;

    @Before
    public void setUp() throws Exception {
        repo = temp.newFolder("repo").toPath().toRealPath();
        remote = temp.newFolder("remote").toPath().toRealPath();
        env = Map.of("PATH", System.getenv("PATH"), "HOME", temp.newFolder("home").toString(),
                "MLCI_STORE", temp.newFolder("runs").toString());
    }

    /** Runs the pipeline, pushes its data and commits what DVC users commit. */
    private void share(String pipeline) throws Exception {
        try (Git git = GitRepos.init(repo)) {
            TestRepos.write(repo, "data/raw.txt", "one\ntwo\nthree\n");
            TestRepos.write(repo, "src/README", "the report stage runs here\n");
            TestRepos.write(repo, "dvc.yaml", pipeline);
            // what dvc repro lists in .gitignore: the outputs it caches
            TestRepos.write(repo, ".gitignore", "/.mlci\n/prepared\n/scratch.txt\n/report.txt\n/count.txt\n");
            succeed(repo, "data", "add", "data/raw.txt");
            succeed(repo, "remote", "add", "store", remote.toString(), "--default");
            succeed(repo, "repro");
            succeed(repo, "data", "push");
            GitRepos.commitAll(git, "pipeline, its lock and its data pointers");
        }
    }

    private CliRun succeed(Path dir, String... args) {
        CliRun run = CliRun.in(dir, env, args);
        assertThat(run.exitCode()).as("mlci " + String.join(" ", args) + "\n" + run.out() + run.err()).isZero();
        return run;
    }

    /** Each stage's state from repro's table ({@code NAME  STATE  REASON} lines). */
    private static Map<String, String> states(CliRun repro) {
        Map<String, String> states = new LinkedHashMap<>();
        repro.out().lines().filter(line -> line.matches("(prepare|count|report)\\s.*"))
                .forEach(line -> states.put(line.split("\\s+")[0], line.split("\\s+")[1]));
        return states;
    }

    private Path cloneOf(String name) throws Exception {
        Path clone = temp.getRoot().toPath().resolve(name);
        Git.cloneRepository().setURI(repo.toUri().toString()).setDirectory(clone.toFile()).call().close();
        return clone;
    }

    private Path onRemote(String content) throws Exception {
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content.getBytes(StandardCharsets.UTF_8)));
        return remote.resolve("files/md5/" + md5.substring(0, 2) + "/" + md5.substring(2));
    }

    @Test
    public void shouldPushNeitherUncachedNorUnpushedOutputsAndPullTheRestIntoAFreshClone() throws Exception {
        share(FLAGGED);
        assertThat(onRemote("ONE\nTWO\nTHREE\n")).as("a cached output").exists();
        assertThat(onRemote("3\n")).as("the output of the stage with a wdir").exists();
        assertThat(onRemote("scratch\n")).as("push: false").doesNotExist();
        assertThat(onRemote("{\"lines\": 3}\n")).as("cache: false").doesNotExist();
        Path clone = cloneOf("clone");

        CliRun again = succeed(repo, "repro");
        assertThat(states(again)).as("a stage in a wdir reads its own lock entry")
                .containsExactly(Map.entry("prepare", "unchanged"), Map.entry("report", "unchanged"));

        CliRun pull = CliRun.in(clone, env, "data", "pull");

        assertThat(pull.exitCode()).as(pull.out() + pull.err()).isZero();
        assertThat(clone.resolve("data/raw.txt")).hasContent("one\ntwo\nthree\n");
        assertThat(clone.resolve("prepared/upper.txt")).hasContent("ONE\nTWO\nTHREE\n");
        assertThat(clone.resolve("report.txt")).hasContent("3\n");
        assertThat(clone.resolve("metrics.json")).as("from git, untouched").hasContent("{\"lines\": 3}\n");
        assertThat(clone.resolve("scratch.txt")).as("never pushed").doesNotExist();
        assertThat(pull.out()).contains("skipped", "scratch.txt");
    }

    @Test
    public void shouldReproAFreshCloneAfterPullingWhatItsStagesNeed() throws Exception {
        share(CHAIN);
        Path clone = cloneOf("agent");

        CliRun repro = succeed(clone, "repro", "--pull");

        assertThat(states(repro)).containsExactly(Map.entry("prepare", "unchanged"), Map.entry("count", "unchanged"),
                Map.entry("report", "unchanged"));
        assertThat(clone.resolve("report.txt")).hasContent("lines=3\n");
        assertThat(clone.resolve("dvc.lock")).hasSameTextualContentAs(repo.resolve("dvc.lock"));
    }

    @Test
    public void shouldRestoreAStageThatRanElsewhereWithTheSameInputs() throws Exception {
        share(CHAIN);
        String changed = CHAIN.replace("'s/^/lines=/'", "'s/^/count=/'");
        TestRepos.write(repo, "dvc.yaml", changed);
        assertThat(states(succeed(repo, "repro"))).containsEntry("report", "ran");
        Path clone = cloneOf("agent");
        TestRepos.write(clone, "dvc.yaml", changed);

        CliRun repro = succeed(clone, "repro", "--pull");

        assertThat(states(repro)).containsExactly(Map.entry("prepare", "unchanged"), Map.entry("count", "unchanged"),
                Map.entry("report", "restored"));
        assertThat(clone.resolve("report.txt")).hasContent("count=3\n");
    }
}
