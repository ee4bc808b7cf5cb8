package io.mlci.core.run.code;

import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns JGit's automatic housekeeping off in a repository mlci made for itself (a pinned target's
 * bare fetch, a trial's checkout). After every fetch JGit starts an automatic gc on a background
 * thread that takes {@code gc.log.lock} and reads the object directories; deleting such a
 * short-lived repository at that moment races with it (a walk of the tree meets files that vanish
 * under it). These repositories are small and soon gone: they never need a gc.
 */
public final class NoBackgroundGc {

    private NoBackgroundGc() {
    }

    /**
     * Sets {@code fetch.autogc = false}, {@code gc.auto = 0} and {@code gc.autoDetach = false} in the
     * repository's own config: no gc after a fetch, none when objects pile up, and never detached.
     */
    public static void apply(Repository repository) {
        StoredConfig config = repository.getConfig();
        config.setBoolean("fetch", null, "autogc", false);
        config.setInt("gc", null, "auto", 0);
        config.setBoolean("gc", null, "autoDetach", false);
        try {
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + repository.getDirectory() + "/config: " + e.getMessage(), e);
        }
    }
}
