package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.HashAlgorithm;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * A 128-bit summary of a directory's file metadata that does not depend on listing order:
 * each file's (relpath, file key, mtime, size) is mixed into two independent 64-bit values that
 * are summed. Any added, removed, renamed, touched or resized file changes it.
 */
final class TreeFingerprint {

    private static final long RACY_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(2);

    private TreeFingerprint() {
    }

    /** The tree-cache key of a directory's files under a hash variant, or null when racy. */
    static String key(HashAlgorithm algorithm, Collection<WorkspaceHasher.FoundFile> files) {
        String fingerprint = of(files);
        return fingerprint == null ? null : algorithm.dvcName() + ":" + fingerprint;
    }

    /** The fingerprint, or null when a file changed too recently for its mtime to be trusted. */
    static String of(Collection<WorkspaceHasher.FoundFile> files) {
        long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        long a = 0;
        long b = 0;
        for (WorkspaceHasher.FoundFile file : files) {
            BasicFileAttributes attrs = file.attrs();
            long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            if (now - mtime < RACY_WINDOW_NANOS) {
                return null;
            }
            long h = fnv(file.relpath());
            h = h * 31 + java.util.Objects.hashCode(attrs.fileKey()); // device and inode, without building a string
            h = h * 31 + mtime;
            h = h * 31 + attrs.size();
            a += mix(h);
            b += mix(h ^ 0x9E3779B97F4A7C15L);
        }
        return files.size() + ":" + Long.toHexString(a) + ":" + Long.toHexString(b);
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole output. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
