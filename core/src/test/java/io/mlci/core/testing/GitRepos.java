package io.mlci.core.testing;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;

import java.nio.file.Path;

/** Real git repositories for tests, committed through JGit with a fixed identity. */
public final class GitRepos {

    private GitRepos() {
    }

    public static Git init(Path dir) throws Exception {
        return Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
    }

    /** Stages everything (including deletions) and commits it. */
    public static RevCommit commitAll(Git git, String message) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().addFilepattern(".").setUpdate(true).call();
        return git.commit().setMessage(message).setAuthor("Test", "test@mlci.invalid")
                .setCommitter("Test", "test@mlci.invalid").setSign(false).call();
    }
}
