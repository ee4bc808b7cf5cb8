package io.mlci.core.run.docker;

import io.mlci.core.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which {@code docker run} options a repository may ask for. mlci.yaml is written by whoever can
 * push a branch, so its docker arguments must not reach the agent itself: options that only shape
 * the container (shared memory, IPC, GPUs, variables, ulimits, named read-only volumes, CPU and
 * memory limits) pass; everything else — {@code --privileged}, host bind mounts, the host's PID or
 * network namespace, capabilities, devices, security options — is refused unless an administrator
 * trusts it, through {@value #TRUSTED_VARIABLE} (set from the Jenkins plugin's global configuration
 * or the shared library's {@code mlci.trustedDockerArgs}, never from the repository).
 */
public final class DockerArgsPolicy {

    /** Whitespace-separated entries: {@code --flag} trusts any value, {@code --flag=value} that value only. */
    public static final String TRUSTED_VARIABLE = "MLCI_TRUSTED_DOCKER_ARGS";

    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(=.*)?", Pattern.DOTALL);
    private static final Pattern SIZE = Pattern.compile("[0-9]+(\\.[0-9]+)?[bkmgBKMG]?[bB]?");
    private static final Pattern VOLUME_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern ULIMIT = Pattern.compile("[a-z]+=-?[0-9]+(:-?[0-9]+)?");

    private static final Map<String, Predicate<String>> ALLOWED = Map.of(
            "--shm-size", SIZE.asMatchPredicate(),
            "--ipc", value -> List.of("host", "private", "shareable", "none").contains(value),
            "--gpus", value -> !value.isBlank(),
            "--env", VARIABLE.asMatchPredicate(),
            "--ulimit", ULIMIT.asMatchPredicate(),
            "--volume", DockerArgsPolicy::namedReadOnlyVolume,
            "--mount", DockerArgsPolicy::namedReadOnlyMount,
            "--cpus", value -> value.matches("[0-9]+(\\.[0-9]+)?"),
            "--memory", SIZE.asMatchPredicate());

    /** Why the most common refusals are refused: the message should teach, not just say no. */
    private static final Map<String, String> DANGERS = Map.of(
            "--privileged", "gives the container full control of the agent",
            "--volume", "only named volumes mounted read-only (NAME:/path:ro) may be asked for; a host path would expose the agent's files",
            "--mount", "only named volumes mounted read-only (type=volume,source=NAME,target=/path,readonly) may be asked for",
            "--pid", "would share the agent's processes with the container",
            "--network", "would put the container on the agent's (or another) network",
            "--cap-add", "would give the container extra kernel capabilities",
            "--device", "would give the container a device of the agent",
            "--security-opt", "would weaken the container's isolation",
            "--volumes-from", "would mount another container's volumes");

    private final List<DockerOption> trusted;

    private DockerArgsPolicy(List<DockerOption> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    /** The policy with the administrator's trusted entries from the environment (none when unset). */
    public static DockerArgsPolicy fromEnvironment(Map<String, String> env) {
        return trusting(env.getOrDefault(TRUSTED_VARIABLE, ""));
    }

    /** @param entries whitespace-separated {@code --flag} or {@code --flag=value} entries */
    public static DockerArgsPolicy trusting(String entries) {
        List<DockerOption> trusted = new ArrayList<>();
        for (String entry : entries.trim().split("\\s+")) {
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.startsWith("-")) {
                throw new InvalidInputException(TRUSTED_VARIABLE, null, "'" + entry
                        + "' is not an option; write --flag to trust any value or --flag=value to trust one value");
            }
            int equals = entry.indexOf('=');
            String flag = DockerOption.longForm(equals < 0 ? entry : entry.substring(0, equals));
            trusted.add(new DockerOption(flag, equals < 0 ? null : entry.substring(equals + 1), List.of(entry)));
        }
        return new DockerArgsPolicy(trusted);
    }

    /**
     * The arguments to pass to {@code docker run}, or a refusal naming the first one that is not
     * allowed. Each entry may hold several words ({@code "--shm-size 16g"}); they are split on
     * whitespace, as a shell would without quotes.
     *
     * @param location where the arguments come from, for the message (e.g. mlci.yaml)
     * @param field    the field, e.g. {@code train.dockerArgs}
     */
    public List<String> check(List<String> args, String location, String field) {
        List<String> words = args.stream().flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(word -> !word.isEmpty()).toList();
        List<String> allowed = new ArrayList<>();
        for (DockerOption option : parse(words, location, field)) {
            refusal(option).ifPresent(reason -> {
                throw new InvalidInputException(location, field, "'" + String.join(" ", option.tokens()) + "' is refused: "
                        + reason + ". An administrator can allow it by adding '" + option.display()
                        + "' to the trusted docker arguments (the mlci plugin's global configuration, or "
                        + TRUSTED_VARIABLE + " / the shared library's mlci.trustedDockerArgs)");
            });
            allowed.addAll(option.tokens());
        }
        return List.copyOf(allowed);
    }

    private Optional<String> refusal(DockerOption option) {
        boolean trustedByAdmin = trusted.stream().anyMatch(entry -> entry.flag().equals(option.flag())
                && (entry.value() == null || entry.value().equals(option.value())));
        if (trustedByAdmin) {
            return Optional.empty();
        }
        Predicate<String> rule = ALLOWED.get(option.flag());
        if (rule != null && option.value() != null && rule.test(option.value())) {
            return Optional.empty();
        }
        if (option.flag().equals("--pid") || option.flag().equals("--network") || option.flag().equals("--net")) {
            return Optional.of(DANGERS.get(option.flag().equals("--net") ? "--network" : option.flag()));
        }
        return Optional.of(DANGERS.getOrDefault(option.flag(), rule != null
                ? "the value '" + option.value() + "' is not one mlci allows for " + option.flag()
                : option.flag() + " is not among the options a repository may set (--shm-size, --ipc, --gpus, -e, "
                        + "--ulimit, named read-only volumes, --cpus, --memory)"));
    }

    private static List<DockerOption> parse(List<String> words, String location, String field) {
        List<DockerOption> options = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-") || word.equals("--")) {
                throw new InvalidInputException(location, field, "'" + word + "' is not a docker run option: the image "
                        + "comes from train.image and the command from train.command");
            }
            int equals = word.indexOf('=');
            if (equals > 0) {
                options.add(new DockerOption(DockerOption.longForm(word.substring(0, equals)), word.substring(equals + 1),
                        List.of(word)));
            } else if (DockerOption.takesValue(word)) {
                if (i + 1 >= words.size()) {
                    throw new InvalidInputException(location, field, "'" + word + "' needs a value");
                }
                options.add(new DockerOption(DockerOption.longForm(word), words.get(i + 1), List.of(word, words.get(i + 1))));
                i++;
            } else {
                options.add(new DockerOption(DockerOption.longForm(word), null, List.of(word)));
            }
        }
        return options;
    }

    /** {@code NAME:/path:ro}: a volume docker manages, not a directory of the agent. */
    private static boolean namedReadOnlyVolume(String value) {
        String[] parts = value.split(":");
        return parts.length == 3 && VOLUME_NAME.matcher(parts[0]).matches() && parts[1].startsWith("/")
                && Arrays.asList(parts[2].split(",")).contains("ro");
    }

    private static boolean namedReadOnlyMount(String value) {
        List<String> parts = Arrays.asList(value.split(","));
        boolean volume = parts.contains("type=volume");
        boolean readOnly = parts.contains("readonly") || parts.contains("ro") || parts.contains("readonly=true")
                || parts.contains("ro=true");
        boolean named = parts.stream().anyMatch(part -> (part.startsWith("source=") || part.startsWith("src="))
                && VOLUME_NAME.matcher(part.substring(part.indexOf('=') + 1)).matches());
        boolean plain = parts.stream().allMatch(part -> part.matches("(type|source|src|target|destination|dst|readonly|ro)(=.*)?"));
        return volume && readOnly && named && plain;
    }
}
