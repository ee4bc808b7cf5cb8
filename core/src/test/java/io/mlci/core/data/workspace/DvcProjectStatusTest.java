package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.TrackedOutput;
import io.mlci.core.testing.TestRepos;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A repository laid out as DVC 3 writes it: stages in dvc.lock, an import, a .dvcignore. */
public class DvcProjectStatusTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path dvcProject() throws Exception {
        Path repo = temp.getRoot().toPath().toRealPath();
        TestRepos.write(repo, ".dvc/config", "[core]\n    remote = storage\n    autostage = true\n"
                + "['remote \"storage\"']\n    url = s3://bucket/project\n");
        TestRepos.write(repo, ".dvcignore", "# Add patterns of files dvc should ignore\n*.log\n");
        TestRepos.write(repo, "dvc.yaml", "stages:\n  train:\n    cmd: python train.py\n    deps: [data/raw, train.py]\n"
                + "    params: [train.lr]\n    outs: [model.pkl]\n    metrics: [{metrics.json: {cache: false}}]\n");
        TestRepos.write(repo, "params.yaml", "train:\n  lr: 0.01\n");
        TestRepos.write(repo, "data/raw/foo", "foo");
        TestRepos.write(repo, "data/raw/bar", "bar");
        TestRepos.write(repo, "data/raw/debug.log", "ignored by .dvcignore");
        TestRepos.write(repo, "train.py", "foo");
        TestRepos.write(repo, "model.pkl", "bar");
        TestRepos.write(repo, "dvc.lock", """
                schema: '2.0'
                stages:
                  train:
                    cmd: python train.py
                    deps:
                    - path: data/raw
                      hash: md5
                      md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
                      size: 6
                      nfiles: 2
                    - path: train.py
                      hash: md5
                      md5: acbd18db4cc2f85cedef654fccc4a4d8
                      size: 3
                    params:
                      params.yaml:
                        train.lr: 0.01
                    outs:
                    - path: metrics.json
                      hash: md5
                      md5: 99914b932bd37a50b983c5e7c90ae93b
                      size: 2
                      cache: false
                    - path: model.pkl
                      hash: md5
                      md5: 37b51d194a7513e45b56f6524f2d51f2
                      size: 3
                """);
        TestRepos.write(repo, "external/registry-data.dvc", """
                md5: 1a2b3c4d5e6f708192a3b4c5d6e7f809
                frozen: true
                deps:
                - path: datasets/images
                  repo:
                    url: https://github.com/example/dataset-registry
                    rev_lock: 0123456789abcdef0123456789abcdef01234567
                outs:
                - md5: d751713988987e9331980363e24189ce.dir
                  size: 0
                  nfiles: 0
                  hash: md5
                  path: registry-data
                  push: false
                """);
        return repo;
    }

    @Test
    public void shouldReportEveryPointerOfARealDvcProject() throws Exception {
        Path repo = dvcProject();

        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            List<OutputStatus> statuses = workspace.status(List.of());

            assertThat(statuses).extracting(s -> describe(s)).containsExactlyInAnyOrder(
                    "dvc.lock:train dep data/raw unchanged",
                    "dvc.lock:train dep train.py unchanged",
                    "dvc.lock:train out metrics.json missing",
                    "dvc.lock:train out model.pkl present",
                    "external/registry-data.dvc out external/registry-data missing");
        }
    }

    @Test
    public void shouldReportChangedLockDependencies() throws Exception {
        Path repo = dvcProject();
        TestRepos.write(repo, "data/raw/new", "new sample");
        TestRepos.write(repo, "data/raw/another.log", "still ignored");

        try (DataWorkspace workspace = DataWorkspace.open(repo, DataOptions.defaults())) {
            assertThat(workspace.status(List.of("dvc.lock:train"))).extracting(DvcProjectStatusTest::describe)
                    .contains("dvc.lock:train dep data/raw changed", "dvc.lock:train dep train.py unchanged");
        }
    }

    private static String describe(OutputStatus status) {
        TrackedOutput t = status.tracked();
        return t.source() + " " + t.role().name().toLowerCase() + " " + t.output().workspacePath() + " "
                + status.workspace().label(t.role());
    }
}
