package io.mlci.core.data.cache;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

public class TreeCacheTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldAnswerFromTheSavedFileButKeepNothingWhenReadOnly() throws Exception {
        Path file = temp.getRoot().toPath().resolve("tree-cache");
        Path known = temp.newFolder("known").toPath();
        Path other = temp.newFolder("other").toPath();
        TreeCache writer = TreeCache.load(file);
        writer.record(known, new TreeCache.Tree("md5:3:a:b", "5ea40360f5b4ec688df672a4db9c17d1.dir", 6, 2));
        writer.save();
        byte[] saved = Files.readAllBytes(file);

        TreeCache reader = TreeCache.loadReadOnly(file);
        reader.record(other, new TreeCache.Tree("md5:1:c:d", "d751713988987e9331980363e24189ce.dir", 0, 0));
        reader.save();

        assertThat(reader.records()).isFalse();
        assertThat(reader.knows(known)).isTrue();
        assertThat(reader.lookup(known, "md5:3:a:b").hash()).isEqualTo("5ea40360f5b4ec688df672a4db9c17d1.dir");
        assertThat(reader.lookup(known, "md5:3:a:c")).isNull();
        assertThat(reader.knows(other)).isFalse();
        assertThat(Files.readAllBytes(file)).isEqualTo(saved);
        assertThat(TreeCache.load(file).knows(other)).isFalse();
    }
}
