package io.mlci.core.run.outputs;

import io.mlci.core.data.hash.FileHasher;
import io.mlci.core.data.hash.Hex;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * md5 and sha256 of a file in one read. Model files are large; md5 is what DVC and Jenkins
 * fingerprints key on, sha256 what people verify downloads with, and reading twice would double
 * the cost of recording a model.
 */
record FileDigests(String md5, String sha256, long size) {

    static FileDigests of(Path file) throws IOException {
        MessageDigest md5 = FileHasher.newMd5();
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                md5.update(buffer, 0, read);
                sha256.update(buffer, 0, read);
                size += read;
            }
        }
        return new FileDigests(Hex.encode(md5.digest()), Hex.encode(sha256.digest()), size);
    }
}
