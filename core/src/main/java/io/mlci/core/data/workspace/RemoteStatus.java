package io.mlci.core.data.workspace;

import io.mlci.core.data.pointer.Output;

/**
 * How one tracked output stands on a remote ({@code data status -c}).
 *
 * @param objects  objects the output consists of (its files, and a directory's listing)
 * @param missing  how many of them the remote lacks
 * @param corrupt  how many the remote holds with bytes that do not match their name (with --verify)
 * @param complete false when a directory's listing is not in the local cache, so only the listing
 *                 itself could be checked
 */
public record RemoteStatus(Output output, String remote, int objects, int missing, int corrupt, boolean complete) {

    public boolean inSync() {
        return missing == 0 && corrupt == 0;
    }
}
