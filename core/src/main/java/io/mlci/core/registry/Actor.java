package io.mlci.core.registry;

import java.util.Map;

/** Who acts on the registry, and from which build: taken from Jenkins' variables when present. */
public record Actor(String name, String buildUrl) {

    public static Actor from(Map<String, String> env) {
        String name = first(env, "BUILD_USER_ID", "CHANGE_AUTHOR", "USER", "USERNAME");
        if (name == null) {
            name = System.getProperty("user.name", "unknown");
        }
        return new Actor(name, env.get("BUILD_URL"));
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
