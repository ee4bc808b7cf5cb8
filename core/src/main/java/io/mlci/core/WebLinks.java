package io.mlci.core;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Links mlci stores and shows: only {@code http} and {@code https}. A URL from the environment
 * (BUILD_URL) or a record is data, and {@code javascript:} or {@code data:} in a page's link
 * would run in the reader's browser.
 */
public final class WebLinks {

    private WebLinks() {
    }

    /** The URL when it is an absolute http(s) URL, else null. */
    public static String safe(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (scheme == null || uri.getHost() == null) {
                return null;
            }
            String lower = scheme.toLowerCase(Locale.ROOT);
            return lower.equals("http") || lower.equals("https") ? url.trim() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** As {@link #safe(String)}, saying what was dropped and why. */
    public static String safe(String url, String what, Consumer<String> warn) {
        String safe = safe(url);
        if (safe == null && url != null && !url.isBlank()) {
            warn.accept(what + " '" + url + "' is not an http(s) URL; it is not stored");
        }
        return safe;
    }
}
