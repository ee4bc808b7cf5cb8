package io.mlci.core.data.pointer;

import io.mlci.core.data.hash.HashAlgorithm;
import io.mlci.core.data.hash.ObjectId;
import org.junit.Test;

import static org.assertj.core.api.Assertions.assertThat;

public class DvcFileWriterTest {

    @Test
    public void shouldWriteADirectoryOutputAsDvcAddDoes() {
        Output out = new Output("data", "data", new ObjectId("5ea40360f5b4ec688df672a4db9c17d1.dir", HashAlgorithm.MD5),
                6, 2, false, true, true, null);

        assertThat(DvcFileWriter.write(out)).isEqualTo("outs:\n- md5: 5ea40360f5b4ec688df672a4db9c17d1.dir\n"
                + "  size: 6\n  nfiles: 2\n  hash: md5\n  path: data\n");
    }

    @Test
    public void shouldWriteAFileOutputAsDvcAddDoes() {
        Output out = new Output("foo", "foo", new ObjectId("acbd18db4cc2f85cedef654fccc4a4d8", HashAlgorithm.MD5),
                3, -1, false, true, true, null);

        assertThat(DvcFileWriter.write(out)).isEqualTo("outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n"
                + "  size: 3\n  hash: md5\n  path: foo\n");
    }

    @Test
    public void shouldMarkExecutables() {
        Output out = new Output("run.sh", "run.sh", new ObjectId("acbd18db4cc2f85cedef654fccc4a4d8", HashAlgorithm.MD5),
                3, -1, true, true, true, null);

        assertThat(DvcFileWriter.write(out)).contains("  size: 3\n  isexec: true\n  hash: md5\n");
    }

    @Test
    public void shouldQuotePathsThatYamlWouldReadAsSomethingElse() {
        assertThat(DvcFileWriter.scalar("data")).isEqualTo("data");
        assertThat(DvcFileWriter.scalar("train-set_v2.csv")).isEqualTo("train-set_v2.csv");
        assertThat(DvcFileWriter.scalar("true")).isEqualTo("'true'");
        assertThat(DvcFileWriter.scalar("123")).isEqualTo("'123'");
        assertThat(DvcFileWriter.scalar("1.5")).isEqualTo("'1.5'");
        assertThat(DvcFileWriter.scalar("it's")).isEqualTo("'it''s'");
        assertThat(DvcFileWriter.scalar("a: b")).isEqualTo("'a: b'");
        assertThat(DvcFileWriter.scalar("#tag")).isEqualTo("'#tag'");
    }
}
