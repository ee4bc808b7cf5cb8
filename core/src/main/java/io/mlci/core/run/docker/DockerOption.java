package io.mlci.core.run.docker;

import java.util.List;
import java.util.Map;

/**
 * One {@code docker run} option as the user wrote it: the flag in its long form, its value (null
 * for a switch) and the words to pass on.
 *
 * @param flag   long form, e.g. {@code --volume} for {@code -v}
 * @param value  the value, or null for a switch such as {@code --privileged}
 * @param tokens the argument words, unchanged
 */
record DockerOption(String flag, String value, List<String> tokens) {

    /** Short forms docker accepts, by their long form. */
    private static final Map<String, String> LONG = Map.ofEntries(Map.entry("-e", "--env"), Map.entry("-v", "--volume"),
            Map.entry("-u", "--user"), Map.entry("-w", "--workdir"), Map.entry("-p", "--publish"),
            Map.entry("-m", "--memory"), Map.entry("-l", "--label"), Map.entry("-h", "--hostname"),
            Map.entry("-c", "--cpu-shares"), Map.entry("-d", "--detach"), Map.entry("-i", "--interactive"),
            Map.entry("-t", "--tty"), Map.entry("-P", "--publish-all"), Map.entry("-q", "--quiet"));

    /** Options that take no value; every other option does. */
    private static final List<String> SWITCHES = List.of("--privileged", "--init", "--rm", "--detach", "--interactive",
            "--tty", "--publish-all", "--quiet", "--read-only", "--no-healthcheck", "--oom-kill-disable",
            "--disable-content-trust", "--sig-proxy");

    DockerOption {
        tokens = List.copyOf(tokens);
    }

    static String longForm(String flag) {
        return LONG.getOrDefault(flag, flag);
    }

    static boolean takesValue(String flag) {
        return flag.startsWith("--") ? !SWITCHES.contains(flag) : LONG.containsKey(flag) && !SWITCHES.contains(LONG.get(flag));
    }

    /** {@code --flag} or {@code --flag=value}, as an administrator writes a trusted entry. */
    String display() {
        return value == null ? flag : flag + "=" + value;
    }
}
