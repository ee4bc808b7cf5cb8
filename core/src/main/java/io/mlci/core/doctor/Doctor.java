package io.mlci.core.doctor;

import io.mlci.core.MlciException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.hash.HashKernel;
import io.mlci.core.data.hash.HashSpeed;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.run.exec.CommandOutput;
import io.mlci.core.run.exec.DockerExecutor;
import io.mlci.core.run.store.RunStore;
import io.mlci.core.run.store.RunStores;
import io.mlci.core.storage.BlobStore;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mlci doctor}: checks what mlci needs on this machine and for this repository — Java,
 * git, mlci.yaml, the training command's program, Docker and GPUs when the training uses them,
 * the data remote and the run store (reachable, credentials accepted) — and says what is missing.
 */
public final class Doctor {

    private static final Duration LIMIT = Duration.ofSeconds(20);

    private final Path root;
    private final Map<String, String> env;

    public Doctor(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(java());
        checks.add(hashKernel(env));
        checks.add(tool("git", List.of("git", "--version"), true, "install git: CI checkouts and code fingerprints need it"));
        MlciConfig config;
        try {
            config = MlciYaml.load(root);
            checks.add(Check.ok("mlci.yaml", config.source().equals("(defaults)") ? "none; every default applies"
                    : "valid" + (config.train().command() == null ? ", but train.command is not set (mlci train needs it)" : "")));
        } catch (MlciException e) {
            checks.add(Check.fail("mlci.yaml", e.getMessage(), "fix the field named above; docs/mlci-yaml.md lists them"));
            return checks;
        }
        if (config.train().command() != null) {
            String program = config.train().command().processArguments().get(0).equals("sh")
                    ? firstWord(config.train().command().shell()) : config.train().command().processArguments().get(0);
            checks.add(program(program));
        }
        checks.addAll(docker(config));
        checks.add(gpus());
        checks.add(remote(config));
        checks.add(store(config));
        return checks;
    }

    /**
     * For {@code mlci doctor --hash-speed}: MD5's speed on one core here, MessageDigest and the
     * vector kernel (whichever path {@code MLCI_HASH} picks), measured from memory for a few seconds.
     */
    public static Check hashSpeed() {
        HashKernel vector = HashKernel.choose(Map.of(HashKernel.ENV, "simd"));
        return Check.ok("hash speed", HashSpeed.measure(vector, 1.5).describe());
    }

    private static Check java() {
        int feature = Runtime.version().feature();
        String detail = System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")";
        return feature >= 17 ? Check.ok("java", detail) : Check.fail("java", detail, "install a JDK 17 or newer");
    }

    /** Which MD5 path data hashing takes here, and why; the vector kernel is also run once. */
    private static Check hashKernel(Map<String, String> env) {
        HashKernel kernel;
        try {
            kernel = HashKernel.choose(env);
        } catch (MlciException e) {
            return Check.fail("hash kernel", e.getMessage(), "unset " + HashKernel.ENV + " or set it to scalar or simd");
        }
        if (!kernel.selfCheck()) {
            return Check.fail("hash kernel", kernel.describe() + ", but it disagrees with MessageDigest on known input",
                    "set " + HashKernel.ENV + "=scalar");
        }
        return Check.ok("hash kernel", kernel.describe());
    }

    private static Check tool(String name, List<String> command, boolean required, String fix) {
        Optional<String> version = CommandOutput.ifSucceeds(command, LIMIT);
        if (version.isPresent()) {
            return Check.ok(name, version.get().lines().findFirst().orElse(""));
        }
        return required ? Check.fail(name, "not found", fix) : Check.warn(name, "not found", fix);
    }

    private Check program(String program) {
        if (program.contains("/")) {
            Path path = root.resolve(program);
            return Files.isExecutable(path) ? Check.ok("training command", program)
                    : Check.fail("training command", program + " is not an executable file", "check train.command in mlci.yaml");
        }
        for (String dir : env.getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Check.ok("training command", program + " (" + Path.of(dir, program) + ")");
            }
        }
        return Check.fail("training command", program + " is not on PATH", "install it, or fix train.command in mlci.yaml");
    }

    private List<Check> docker(MlciConfig config) {
        boolean needed = config.train().image() != null;
        List<Check> checks = new ArrayList<>();
        Optional<String> client = CommandOutput.ifSucceeds(List.of("docker", "--version"), LIMIT);
        if (client.isEmpty()) {
            checks.add(needed ? Check.fail("docker", "no docker client", "install Docker: train.image is set")
                    : Check.ok("docker", "not installed; not needed (no train.image)"));
            return checks;
        }
        boolean engine = DockerExecutor.engineAvailable("docker");
        if (engine) {
            checks.add(Check.ok("docker", client.get() + ", engine running"));
        } else if (needed) {
            checks.add(Check.fail("docker", client.get() + ", but no engine answers 'docker info'",
                    "start the Docker engine, or train without a container: mlci train --executor local"));
        } else {
            checks.add(Check.ok("docker", client.get() + ", no engine; not needed (no train.image)"));
        }
        return checks;
    }

    private Check gpus() {
        return io.mlci.core.run.env.EnvironmentProbe.listGpus(env)
                .map(list -> Check.ok("gpu", list.lines().count() + " GPU(s): " + list.lines().findFirst().orElse("")))
                .orElse(Check.warn("gpu", "none found (nvidia-smi)", "training runs on the CPU here; GPU agents come from the EC2 template in Jenkins"));
    }

    private Check remote(MlciConfig config) {
        try (DataWorkspace data = DataWorkspace.openReadOnly(root, DataOptions.defaults())) {
            Optional<BlobStore> remote = data.openRemote(config.data().remote());
            if (remote.isEmpty()) {
                return Check.warn("data remote", "none configured", "add one: mlci remote add NAME URL --default");
            }
            try (BlobStore store = remote.get()) {
                store.exists("files/md5/00/mlci-doctor-probe");
                return Check.ok("data remote", store.describe() + " reachable, credentials accepted");
            }
        } catch (MlciException e) {
            return Check.fail("data remote", e.getMessage(), "check the remote's URL and credentials (.dvc/config, config.local)");
        }
    }

    private Check store(MlciConfig config) {
        String location = RunStores.locate(null, config.store(), env);
        Path defaultStore = root.resolve(RunStores.DEFAULT_DIR);
        if ((location == null || location.isBlank()) && !Files.exists(defaultStore, LinkOption.NOFOLLOW_LINKS)) {
            // opening the default store would create it: a check leaves the repository as it was
            return Check.ok("run store", defaultStore + " (made by the first training)");
        }
        try (RunStore store = RunStores.open(location, root, env)) {
            store.checkReachable();
            return Check.ok("run store", store.describe() + " reachable");
        } catch (MlciException e) {
            return Check.fail("run store", e.getMessage(), "check 'store' in mlci.yaml, MLCI_S3_ENDPOINT and the AWS credentials");
        }
    }

    private static String firstWord(String line) {
        String trimmed = line.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }
}
