package io.mlci.core.run.env;

import io.mlci.core.WebLinks;

import java.util.Map;

/**
 * What the CI server says about the build, read from the variables Jenkins sets (multibranch
 * pipelines: {@code BRANCH_NAME}, {@code CHANGE_ID}, {@code CHANGE_BRANCH}, {@code CHANGE_TARGET},
 * {@code BUILD_URL}; plain git jobs: {@code GIT_BRANCH}). {@code MLCI_BRANCH} overrides the branch
 * anywhere. Outside CI every field is null and git's own branch is used.
 *
 * @param branch       branch of the change (a pull request's source branch)
 * @param targetBranch a pull request's target branch, else null
 * @param changeId     a pull request's number, else null
 * @param buildUrl     the build's URL when it is an http(s) URL, else null
 */
public record CiContext(String branch, String targetBranch, String changeId, String buildUrl) {

    public static CiContext from(Map<String, String> env) {
        String changeId = blankToNull(env.get("CHANGE_ID"));
        String branch = blankToNull(env.get("MLCI_BRANCH"));
        if (branch == null && changeId != null) {
            branch = blankToNull(env.get("CHANGE_BRANCH"));
        }
        if (branch == null) {
            branch = blankToNull(env.get("BRANCH_NAME"));
        }
        if (branch == null) {
            branch = shortBranch(blankToNull(env.get("GIT_BRANCH")));
        }
        return new CiContext(branch, blankToNull(env.get("CHANGE_TARGET")), changeId, WebLinks.safe(env.get("BUILD_URL")));
    }

    /** {@code origin/main} and {@code refs/heads/main} both mean {@code main}. */
    static String shortBranch(String ref) {
        if (ref == null) {
            return null;
        }
        if (ref.startsWith("refs/heads/")) {
            return ref.substring("refs/heads/".length());
        }
        if (ref.startsWith("refs/remotes/")) {
            ref = ref.substring("refs/remotes/".length());
        }
        int slash = ref.indexOf('/');
        return ref.startsWith("origin/") && slash > 0 ? ref.substring(slash + 1) : ref;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
