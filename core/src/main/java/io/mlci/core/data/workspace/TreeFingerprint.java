package io.mlci.core.data.workspace;

import io.mlci.core.data.hash.HashAlgorithm;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Objects;
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
        return key(algorithm, of(files));
    }

    static String key(HashAlgorithm algorithm, Sum sum) {
        String fingerprint = sum.value();
        return fingerprint == null ? null : algorithm.dvcName() + ":" + fingerprint;
    }

    static Sum of(Collection<WorkspaceHasher.FoundFile> files) {
        Sum sum = new Sum();
        for (WorkspaceHasher.FoundFile file : files) {
            sum.add(Sum.extend(Sum.EMPTY_PREFIX, file.relpath()), file.attrs());
        }
        return sum;
    }

    /**
     * A running fingerprint. Relpaths enter as FNV-1a hashes, which can be continued character
     * by character: a walk hashes each directory's prefix once and extends it per file name.
     */
    static final class Sum {
        static final long EMPTY_PREFIX = 0xcbf29ce484222325L;

        private final long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
        private long count;
        private long a;
        private long b;
        private boolean racy;

        static long extend(long hash, String text) {
            long h = hash;
            for (int i = 0; i < text.length(); i++) {
                h ^= text.charAt(i);
                h *= 0x100000001b3L;
            }
            return h;
        }

        void add(long relpathHash, BasicFileAttributes attrs) {
            long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            racy |= now - mtime < RACY_WINDOW_NANOS;
            long h = relpathHash;
            h = h * 31 + Objects.hashCode(attrs.fileKey()); // device and inode, without building a string
            h = h * 31 + mtime;
            h = h * 31 + attrs.size();
            a += mix(h);
            b += mix(h ^ 0x9E3779B97F4A7C15L);
            count++;
        }

        void merge(Sum other) {
            count += other.count;
            a += other.a;
            b += other.b;
            racy |= other.racy;
        }

        /** The fingerprint, or null when a file changed too recently for its mtime to be trusted. */
        String value() {
            return racy ? null : count + ":" + Long.toHexString(a) + ":" + Long.toHexString(b);
        }

        /** SplitMix64's finaliser: spreads every input bit over the whole output. */
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }
    }
}
