package io.mlci.cli.model;

import io.mlci.cli.MlciCommand;
import io.mlci.cli.Version;
import io.mlci.core.InvalidInputException;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.registry.Actor;
import io.mlci.core.registry.Deployment;
import io.mlci.core.registry.ModelRef;
import io.mlci.core.registry.ModelArtifact;
import io.mlci.core.registry.ModelRegistry;
import io.mlci.core.registry.ModelVersion;
import io.mlci.core.registry.RegistryEvent;
import io.mlci.core.run.record.DataInput;
import io.mlci.core.run.record.OutputFile;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "model", mixinStandardHelpOptions = true,
        description = "The model registry: numbered versions of each model, stages (aliases) that point at one, and the history.",
        subcommands = {ModelCommand.Register.class, ModelCommand.Promote.class, ModelCommand.Rollback.class,
                ModelCommand.Demote.class, ModelCommand.ListModels.class, ModelCommand.Show.class, ModelCommand.History.class,
                ModelCommand.Fetch.class, ModelCommand.Lineage.class, ModelCommand.ExportMlflow.class},
        footer = {"", "Examples:", "  mlci model register --run 20261123-1818", "  mlci model promote churn 3 --to production",
                "  mlci model promote churn @staging --to production --reason 'A/B test won'",
                "  mlci model rollback churn --stage production", "  mlci model fetch models:/churn@production --to /srv/model",
                "  mlci model lineage models:/churn@production"})
public final class ModelCommand implements Runnable {

    @ParentCommand
    MlciCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "LOCATION", scope = ScopeType.INHERIT,
            description = "Run store holding the registry (default: 'store' in mlci.yaml, else .mlci/).")
    String store;

    @Override
    public void run() {
        spec.commandLine().usage(root.console().out());
    }

    RunStore openStore() {
        return root.openStore(store);
    }

    Actor actor() {
        return Actor.from(root.environment(), line -> root.console().err().println("mlci: " + line));
    }

    /**
     * The registry at mlci.yaml's {@code registry.url}, else under the store's {@code registry/};
     * signing and checking events with MLCI_REGISTRY_KEY when the environment holds it.
     */
    ModelRegistry registry(RunStore store) {
        return ModelRegistry.open(store, MlciYaml.load(root.repositoryRoot()).registry(), root.repositoryRoot(),
                root.environment());
    }

    PrintStream out() {
        return root.console().out();
    }

    /** "churn 3", "churn @production", "models:/churn/3" all name a version. */
    static ModelRef ref(String model, String version) {
        if (version == null) {
            return ModelRef.parse(model);
        }
        return ModelRef.parse(model + (version.startsWith("@") ? version : "/" + version));
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Register a run's outputs as the model's next version. Refuses a run whose gate did not pass, "
                    + "unless --force --reason.",
            footer = {"", "Examples:", "  mlci model register --run 20261123-1818", "  mlci model register --run 20261123-1818 --force --reason 'hotfix'"})
    static final class Register implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Option(names = "--run", paramLabel = "RUN", required = true, description = "The run (id or unique prefix).")
        String run;

        @Option(names = "--name", paramLabel = "NAME", description = "Model name (default: model.name in mlci.yaml, else the repository's name).")
        String name;

        @Option(names = "--force", description = "Register even though the run's gate did not pass (needs --reason).")
        boolean force;

        @Option(names = "--artifact", paramLabel = "NAME",
                description = "Register only this artifact of dvc.yaml's 'artifacts' (its path, type, desc and labels); "
                        + "the model name defaults to the artifact's name.")
        String artifact;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the history.")
        String reason;

        @Override
        public Integer call() {
            MlciConfig config = MlciYaml.load(model.root.repositoryRoot());
            ModelArtifact declared = artifact == null ? null : artifact(model.root.repositoryRoot(), artifact);
            String modelName = name != null ? name : declared != null ? declared.name() : config.model() != null
                    ? config.model() : model.root.repositoryRoot().getFileName().toString();
            try (RunStore store = model.openStore()) {
                RunRecord record = store.get(run);
                ModelRegistry registry = model.registry(store);
                boolean already = registry.versionOfRun(modelName, record.id()).isPresent();
                ModelVersion version = registry.register(record, modelName, model.actor(), force, reason, declared);
                if (model.root.global().json()) {
                    model.root.console().json(version);
                } else {
                    model.out().println((already ? "already registered: run " + record.id() + " is " + version.model()
                            + " version " + version.version() : "registered " + version.model() + " version "
                            + version.version() + " from run " + record.id())
                            + " (models:/" + version.model() + "/" + version.version() + ")");
                }
            }
            return 0;
        }
    }

    /** An artifact of the repository's dvc.yaml files, by name; the message lists the declared ones. */
    static ModelArtifact artifact(java.nio.file.Path root, String name) {
        io.mlci.core.pipeline.Pipelines pipelines = io.mlci.core.pipeline.Pipelines.read(root);
        io.mlci.core.pipeline.Artifact found = pipelines.artifact(name).orElseThrow(() -> new InvalidInputException(
                "--artifact", null, "no artifact '" + name + "' in dvc.yaml; declared: " + String.join(", ",
                pipelines.files().stream().flatMap(f -> f.artifacts().stream()).map(io.mlci.core.pipeline.Artifact::name)
                        .toList())));
        return new ModelArtifact(found.name(), found.workspacePath(), found.type(), found.desc(), found.labels());
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Point a stage (alias) at a version; runs model.deploy of mlci.yaml with the version's verified files, "
                    + "and puts the stage back if it fails.",
            footer = {"", "Examples:", "  mlci model promote churn 3 --to staging", "  mlci model promote churn @staging --to production --reason 'A/B won'"})
    static final class Promote implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL", description = "Model name, or a models:/ URI.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION|@ALIAS")
        String version;

        @Option(names = "--to", paramLabel = "STAGE", required = true, description = "The stage, e.g. staging or production.")
        String stage;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the history.")
        String reason;

        @Option(names = "--no-deploy", description = "Do not run model.deploy.")
        boolean noDeploy;

        @Override
        public Integer call() {
            MlciConfig config = MlciYaml.load(model.root.repositoryRoot());
            try (RunStore store = model.openStore();
                 DataWorkspace data = DataWorkspace.open(model.root.repositoryRoot(), model.root.dataOptions())) {
                RegistryEvent event = new Deployment(model.registry(store), store, data).promote(ref(name, version), stage,
                        noDeploy ? null : config.deploy(), model.actor(), reason, line -> model.out().println("  | " + line));
                report(model, event, "promoted");
            }
            return 0;
        }
    }

    /** A change to one stage of one model (rollback, demote). */
    abstract static class StageChange implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Option(names = "--stage", paramLabel = "STAGE", required = true)
        String stage;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why; recorded in the history.")
        String reason;

        abstract RegistryEvent change(ModelRegistry registry);

        abstract String verb();

        @Override
        public Integer call() {
            try (RunStore store = model.openStore()) {
                report(model, change(model.registry(store)), verb());
            }
            return 0;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Point a stage back at the version that held it before the current one.",
            footer = {"", "Examples:", "  mlci model rollback churn --stage production --reason 'latency'"})
    static final class Rollback extends StageChange {
        @Override
        RegistryEvent change(ModelRegistry registry) {
            return registry.rollback(name, stage, model.actor(), reason);
        }

        @Override
        String verb() {
            return "rolled back";
        }
    }

    @Command(name = "demote", mixinStandardHelpOptions = true, description = "Remove a stage (alias) from a model.",
            footer = {"", "Examples:", "  mlci model demote churn --stage staging"})
    static final class Demote extends StageChange {
        @Override
        RegistryEvent change(ModelRegistry registry) {
            return registry.demote(name, stage, model.actor(), reason);
        }

        @Override
        String verb() {
            return "demoted";
        }
    }

    private static void report(ModelCommand model, RegistryEvent event, String verb) {
        if (model.root.global().json()) {
            model.root.console().json(event);
            return;
        }
        model.out().println(verb + " " + event.model() + ": " + event.alias() + " -> version " + event.version()
                + (event.previous() != null ? " (was " + event.previous() + ")" : ""));
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List models with their newest version and stages.",
            footer = {"", "Examples:", "  mlci model list --json"})
    static final class ListModels implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Override
        public Integer call() {
            try (RunStore store = model.openStore()) {
                ModelRegistry registry = model.registry(store);
                Map<String, Object> json = new LinkedHashMap<>();
                for (String name : registry.models()) {
                    List<ModelVersion> versions = registry.versions(name);
                    Map<String, Integer> aliases = registry.aliases(name);
                    json.put(name, Map.of("versions", versions.size(), "aliases", aliases));
                    if (!model.root.global().json()) {
                        model.out().printf("%-24s %3d version(s)  %s%n", name, versions.size(), ModelRegistry.describeAliases(name, aliases));
                    }
                }
                if (model.root.global().json()) {
                    model.root.console().json(json);
                } else if (json.isEmpty()) {
                    model.out().println("no models registered in " + registry.describe());
                }
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a version: run, commit, outputs, metrics, stages. A model name alone shows its newest version.",
            footer = {"", "Examples:", "  mlci model show churn", "  mlci model show churn @production",
                    "  mlci model show models:/churn/3"})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "VERSION|@ALIAS")
        String version;

        @Override
        public Integer call() {
            try (RunStore store = model.openStore()) {
                ModelRegistry registry = model.registry(store);
                boolean bareName = version == null && !name.contains("@") && !name.matches(".*/\\d+$");
                ModelVersion shown = registry.version(bareName
                        ? ModelRef.latest(name.startsWith("models:/") ? name.substring("models:/".length()) : name) : ref(name, version));
                if (model.root.global().json()) {
                    model.root.console().json(shown);
                    return 0;
                }
                model.out().println(shown.label() + "  from run " + shown.runId() + " (" + shown.branch() + " @ "
                        + shown.commit() + "), registered " + shown.registeredAt() + " by " + shown.registeredBy()
                        + ", gate " + shown.gateVerdict() + (shown.reason() != null ? ", reason: " + shown.reason() : ""));
                for (OutputFile output : shown.outputs()) {
                    model.out().println("  output  " + output.path() + "  " + (output.sha256() != null ? "sha256 " + output.sha256() : output.md5()));
                }
                model.out().println("  metrics " + shown.metrics());
                java.util.Map<String, Integer> stages = registry.aliases(shown.model());
                model.out().println("  stages  " + (stages.isEmpty() ? "(none)" : stages.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(", ")))
                        + "  (" + shown.model() + " has " + registry.versions(shown.model()).size() + " version(s))");
            }
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every register, promote, demote and rollback of a model.",
            footer = {"", "Examples:", "  mlci model history churn"})
    static final class History implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Override
        public Integer call() {
            try (RunStore store = model.openStore()) {
                ModelRegistry registry = model.registry(store);
                List<RegistryEvent> events = registry.history(name);
                if (model.root.global().json()) {
                    model.root.console().json(events.stream().map(event -> model.root.console().jsonObject(event)
                            .put("trust", registry.trust(event).label())).toList());
                    return 0;
                }
                for (RegistryEvent event : events) {
                    model.out().printf("%s %s  %-13s v%-4s %-12s by %s%s%s  [%s]%n",
                            event.sequence() == null ? "     -" : String.format("%6d", event.sequence()), event.at(), event.type(),
                            event.version(), event.alias() == null ? "" : event.alias(), event.by(),
                            event.why() == null ? "" : " — " + event.why(), event.buildUrl() == null ? "" : " (" + event.buildUrl() + ")",
                            registry.trustLabel(event));
                }
            }
            return 0;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download a version's files, verified against the hashes recorded at registration.",
            footer = {"", "Examples:", "  mlci model fetch churn@production --to /srv/model"})
    static final class Fetch implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL@STAGE|URI", description = "e.g. churn@production or models:/churn/3")
        String name;

        @Option(names = "--to", paramLabel = "DIR", required = true)
        Path dir;

        @Override
        public Integer call() {
            try (RunStore store = model.openStore();
                 DataWorkspace data = DataWorkspace.open(model.root.repositoryRoot(), model.root.dataOptions())) {
                ModelRegistry registry = model.registry(store);
                ModelVersion version = registry.version(ModelRef.parse(name));
                new Deployment(registry, store, data).fetch(version, dir.toAbsolutePath());
                model.out().println("fetched " + version.label() + " into " + dir.toAbsolutePath());
            }
            return 0;
        }
    }

    @Command(name = "lineage", mixinStandardHelpOptions = true,
            description = "From a model version back to the run, commit, params and data versions that produced it.",
            footer = {"", "Examples:", "  mlci model lineage models:/churn@production"})
    static final class Lineage implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL@STAGE|URI")
        String name;

        @Override
        public Integer call() {
            try (RunStore store = model.openStore()) {
                ModelVersion version = model.registry(store).version(ModelRef.parse(name));
                RunRecord run = store.get(version.runId());
                if (model.root.global().json()) {
                    model.root.console().json(Map.of("version", version, "run", run));
                    return 0;
                }
                PrintStream out = model.out();
                out.println(ModelRef.parse(name) + " = " + version.label());
                out.println("  run      " + run.id() + " (" + run.status().label() + (run.reusedFrom() != null ? ", outputs of "
                        + run.reusedFrom() : "") + ")");
                out.println("  commit   " + run.source().commit() + " on " + run.source().branch() + " of " + run.source().repo());
                out.println("  command  " + run.command() + (run.imageDigest() != null ? " in " + run.imageDigest() : ""));
                out.println("  params   " + run.params());
                for (DataInput input : run.data()) {
                    out.println("  data     " + input.path() + "  " + input.hash() + "  via " + input.pointer());
                }
                out.println("  mlci     " + Version.number());
            }
            return 0;
        }
    }

    @Command(name = "export-mlflow", mixinStandardHelpOptions = true,
            description = "Copy a version, with its stages as aliases, into an MLflow tracking server (REST API 2.0). "
                    + "The token comes from MLFLOW_TRACKING_TOKEN.",
            footer = {"", "Example:", "  mlci model export-mlflow churn@production --tracking-uri https://mlflow.example.com"})
    static final class ExportMlflow implements Callable<Integer> {
        @ParentCommand
        ModelCommand model;

        @Parameters(index = "0", paramLabel = "MODEL@STAGE|URI")
        String name;

        @Option(names = "--tracking-uri", paramLabel = "URL", description = "Default: MLFLOW_TRACKING_URI.")
        String trackingUri;

        @Override
        public Integer call() {
            String uri = trackingUri != null ? trackingUri : model.root.environment().get("MLFLOW_TRACKING_URI");
            if (uri == null || uri.isBlank()) {
                throw new io.mlci.core.InvalidInputException("--tracking-uri", null, "is required (or set MLFLOW_TRACKING_URI)");
            }
            try (RunStore store = model.openStore()) {
                ModelRegistry registry = model.registry(store);
                ModelVersion version = registry.version(ModelRef.parse(name));
                String created = new io.mlci.core.registry.MlflowExport(java.net.URI.create(uri),
                        model.root.environment().get("MLFLOW_TRACKING_TOKEN")).export(version,
                        io.mlci.core.registry.MlflowExport.stagesOf(version, registry.aliases(version.model())),
                        "mlci+" + store.describe() + "#" + version.label());
                model.out().println("exported " + version.label() + " to MLflow at " + uri + " as version " + created);
            }
            return 0;
        }
    }
}
