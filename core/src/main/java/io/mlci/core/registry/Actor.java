package io.mlci.core.registry;

import io.mlci.core.WebLinks;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Who acts on the registry, and from which build: taken from Jenkins' variables when present.
 *
 * @param buildUrl the build's URL, only when it is http(s)
 * @param changeId the pull request the build is for (CHANGE_ID), else null: such a build may not write the registry
 */
public record Actor(String name, String buildUrl, String changeId) {

    public Actor {
        buildUrl = WebLinks.safe(buildUrl);
    }

    /** An actor outside any pull request. */
    public Actor(String name, String buildUrl) {
        this(name, buildUrl, null);
    }

    public static Actor from(Map<String, String> env) {
        return from(env, line -> { });
    }

    /** @param warn told when BUILD_URL is dropped for not being an http(s) URL */
    public static Actor from(Map<String, String> env, Consumer<String> warn) {
        String name = first(env, "BUILD_USER_ID", "CHANGE_AUTHOR", "USER", "USERNAME");
        if (name == null) {
            name = System.getProperty("user.name", "unknown");
        }
        return new Actor(name, WebLinks.safe(env.get("BUILD_URL"), "BUILD_URL", warn), first(env, "CHANGE_ID"));
    }

    public boolean inPullRequest() {
        return changeId != null;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
