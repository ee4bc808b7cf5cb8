package io.mlci.cli.data;

import io.mlci.cli.Console;
import io.mlci.cli.output.Formats;
import io.mlci.core.data.workspace.PullResult;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How pull and checkout report what they did to the workspace, for people and as JSON. */
final class Materialised {

    private Materialised() {
    }

    static Map<String, Object> json(PullResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("outputs", result.outputs());
        json.put("downloaded", result.transfer().transferred());
        json.put("bytes", result.transfer().bytes());
        json.put("alreadyCached", result.transfer().alreadyPresent());
        json.put("placed", result.placed());
        json.put("unchanged", result.unchanged());
        json.put("removed", result.removed());
        json.put("link", result.linkType().name().toLowerCase(Locale.ROOT));
        json.put("skipped", result.skipped());
        return json;
    }

    static String workspaceLine(PullResult result) {
        return String.format("workspace: %s files placed (%s), %s unchanged, %s removed",
                Formats.count(result.placed()), result.linkType().name().toLowerCase(Locale.ROOT),
                Formats.count(result.unchanged()), Formats.count(result.removed()));
    }

    static void print(Console console, boolean json, PullResult result, String transferLine) {
        if (json) {
            console.json(json(result));
        } else {
            console.out().println(transferLine == null ? workspaceLine(result) : transferLine + "; " + workspaceLine(result));
        }
    }
}
