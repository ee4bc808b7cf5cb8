package io.mlci.core.data.pointer;

import io.mlci.core.InvalidInputException;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class DvcLockTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    static final String LOCK = """
            schema: '2.0'
            stages:
              prepare:
                cmd: python prepare.py data/raw data/prepared
                deps:
                - path: data/raw
                  hash: md5
                  md5: 5ea40360f5b4ec688df672a4db9c17d1.dir
                  size: 6
                  nfiles: 2
                - path: prepare.py
                  hash: md5
                  md5: acbd18db4cc2f85cedef654fccc4a4d8
                  size: 3
                outs:
                - path: data/prepared
                  hash: md5
                  md5: d751713988987e9331980363e24189ce.dir
                  size: 0
                  nfiles: 0
              train:
                cmd:
                - python train.py
                - echo done
                deps:
                - path: data/prepared
                  hash: md5
                  md5: d751713988987e9331980363e24189ce.dir
                params:
                  params.yaml:
                    train.lr: 0.01
                    train.epochs: 10
                outs:
                - path: model.pkl
                  hash: md5
                  md5: 37b51d194a7513e45b56f6524f2d51f2
                  size: 3
                - path: metrics.json
                  hash: md5
                  md5: acbd18db4cc2f85cedef654fccc4a4d8
                  size: 3
                  cache: false
            """;

    @Test
    public void shouldReadStagesWithDepsParamsAndOuts() throws Exception {
        Path root = temp.getRoot().toPath().toRealPath();
        Path file = root.resolve("dvc.lock");
        Files.writeString(file, LOCK);

        DvcLock lock = DvcLock.read(root, file);

        assertThat(lock.stages()).extracting(LockStage::name).containsExactly("prepare", "train");
        LockStage train = lock.stages().get(1);
        assertThat(train.cmd()).isEqualTo("python train.py\necho done");
        assertThat(train.params().get("params.yaml").get("train.lr").asDouble()).isEqualTo(0.01);
        assertThat(train.outs()).extracting(Output::workspacePath).containsExactly("model.pkl", "metrics.json");
        assertThat(train.outs().get(1).cache()).isFalse();
        assertThat(lock.stages().get(0).deps().get(0).isDirectory()).isTrue();
    }

    @Test
    public void shouldRefuseAnUnknownSchema() throws Exception {
        Path root = temp.getRoot().toPath().toRealPath();
        Path file = root.resolve("dvc.lock");
        Files.writeString(file, "schema: '3.0'\nstages: {}\n");

        assertThatThrownBy(() -> DvcLock.read(root, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dvc.lock")
                .hasMessageContaining("schema");
    }

    @Test
    public void shouldNameTheStageOfABadEntry() throws Exception {
        Path root = temp.getRoot().toPath().toRealPath();
        Path file = root.resolve("dvc.lock");
        Files.writeString(file, "schema: '2.0'\nstages:\n  train:\n    outs:\n    - path: ../../etc/passwd\n      md5: acbd18db4cc2f85cedef654fccc4a4d8\n      hash: md5\n");

        assertThatThrownBy(() -> DvcLock.read(root, file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stages.train.outs[0].path");
    }
}
