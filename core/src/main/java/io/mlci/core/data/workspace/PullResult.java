package io.mlci.core.data.workspace;

import io.mlci.core.data.transfer.TransferStats;

/**
 * What a pull did: objects fetched into the cache and files placed in, left in, or removed from
 * the workspace.
 */
public record PullResult(int outputs, TransferStats transfer, long placed, long unchanged, long removed,
                         LinkType linkType) {
}
