package io.mlci.core.run.code;

import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.transport.PackParser;

import java.io.IOException;
import java.io.InputStream;

/**
 * Computes the ids git would give objects without storing them: fingerprinting a dirty working
 * tree must not write into the user's {@code .git/objects}.
 */
final class IdOnlyInserter extends ObjectInserter {

    @Override
    public ObjectId insert(int type, long length, InputStream in) throws IOException {
        return idFor(type, length, in);
    }

    @Override
    public PackParser newPackParser(InputStream in) {
        throw new UnsupportedOperationException("ids only; nothing is stored");
    }

    @Override
    public ObjectReader newReader() {
        throw new UnsupportedOperationException("ids only; nothing is stored");
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
