package io.mlci.core.run.lease;

import io.mlci.core.storage.BlobStore;
import io.mlci.core.storage.LocalBlobStore;
import org.junit.Rule;
import org.junit.rules.TemporaryFolder;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Run-key leases in a run store directory. */
public class LocalRunKeyLeaseTest extends RunKeyLeaseContract {

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    @Override
    protected BlobStore newStore() {
        try {
            return new LocalBlobStore(temp.newFolder().toPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
