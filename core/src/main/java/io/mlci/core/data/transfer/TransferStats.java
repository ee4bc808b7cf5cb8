package io.mlci.core.data.transfer;

/** What a push or pull moved: objects and bytes transferred, and objects already in place. */
public record TransferStats(long transferred, long bytes, long alreadyPresent) {

    public static final TransferStats NONE = new TransferStats(0, 0, 0);

    public TransferStats plus(TransferStats other) {
        return new TransferStats(transferred + other.transferred, bytes + other.bytes,
                alreadyPresent + other.alreadyPresent);
    }
}
