package io.mlci.core.data.workspace;

import io.mlci.core.data.transfer.TransferStats;

import java.util.List;

/**
 * What a pull did: objects fetched into the cache and files placed in, left in, or removed from
 * the workspace.
 *
 * @param skipped tracked paths left as they were because the remote lacks some of their objects
 *                ({@code pull --allow-missing})
 */
public record PullResult(int outputs, TransferStats transfer, long placed, long unchanged, long removed,
                         LinkType linkType, List<String> skipped) {

    public PullResult {
        skipped = List.copyOf(skipped);
    }

    public PullResult(int outputs, TransferStats transfer, long placed, long unchanged, long removed, LinkType linkType) {
        this(outputs, transfer, placed, unchanged, removed, linkType, List.of());
    }

    PullResult withSkipped(List<String> paths) {
        return new PullResult(outputs, transfer, placed, unchanged, removed, linkType, paths);
    }
}
