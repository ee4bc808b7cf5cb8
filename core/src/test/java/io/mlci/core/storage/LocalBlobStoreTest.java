package io.mlci.core.storage;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class LocalBlobStoreTest {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Test
    public void shouldStoreListAndReadBlobs() throws Exception {
        LocalBlobStore store = new LocalBlobStore(temp.newFolder("store").toPath());
        Path file = temp.newFile().toPath();
        Files.writeString(file, "content");

        store.put("files/md5/ab/cdef", file);

        try (InputStream in = store.open("files/md5/ab/cdef")) {
            assertThat(in.readAllBytes()).isEqualTo("content".getBytes());
        }
        assertThat(store.list("files/md5/ab/")).containsExactly("files/md5/ab/cdef");
        assertThat(store.list("files/md5/ac/")).isEmpty();
    }

    @Test
    public void shouldListTheFoldersOneLevelBelowAFolderAsTheDefaultDerivesThemFromTheKeys() throws Exception {
        LocalBlobStore store = new LocalBlobStore(temp.newFolder("store").toPath());
        for (String key : List.of("pr/12/runs/a.json", "pr/12/outputs/model.pkl", "pr/7/runs/b.json", "pr/loose.txt",
                "runs/d.json")) {
            store.put(key, key.getBytes());
        }
        assertThat(store.listFolders("pr/")).containsExactly("12", "7");
        assertThat(store.listFolders("")).containsExactly("pr", "runs");
        assertThat(store.listFolders("missing/")).isEmpty();
        assertThat(Keys.foldersOf("pr/", store.list("pr/"))).isEqualTo(store.listFolders("pr/"));
        assertThat(Keys.foldersOf("", store.list(""))).isEqualTo(store.listFolders(""));
    }

    @Test
    public void shouldLetExactlyOneConcurrentCreatorWin() throws Exception {
        LocalBlobStore store = new LocalBlobStore(temp.newFolder("store").toPath());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] content = ("writer-" + i).getBytes();
            attempts.add(pool.submit(() -> store.putIfAbsent("models/m/1.json", content)));
        }
        int winners = 0;
        for (Future<Boolean> attempt : attempts) {
            winners += attempt.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(store.list("models/")).containsExactly("models/m/1.json");
    }

    @Test
    public void shouldRefuseKeysThatEscapeTheRoot() throws Exception {
        LocalBlobStore store = new LocalBlobStore(temp.newFolder("store").toPath());

        assertThatThrownBy(() -> store.open("../secret")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open("/etc/passwd")).isInstanceOf(IllegalArgumentException.class);
    }
}
