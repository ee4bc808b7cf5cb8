package io.mlci.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.mlci.core.config.CostConfig;
import io.mlci.core.config.MlciConfig;
import io.mlci.core.config.MlciYaml;
import io.mlci.core.config.TrainConfig;
import io.mlci.core.run.PullRequestTraining;
import io.mlci.core.sweep.AblationSpec;
import io.mlci.core.sweep.Objective;
import io.mlci.core.sweep.Study;
import io.mlci.core.sweep.StudyYaml;
import io.mlci.core.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Check mlci.yaml and print it with every default filled in (--json for pipelines).",
        footer = {"", "Examples:", "  mlci config", "  mlci config --json"})
final class ConfigCommand implements Callable<Integer> {

    private static final ObjectMapper YAML_OUT = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    @ParentCommand
    MlciCommand root;

    @Override
    public Integer call() {
        MlciConfig config = MlciYaml.load(root.repositoryRoot());
        Map<String, String> env = root.environment();
        if (env.get("CHANGE_ID") != null && env.get("MLCI_TARGET_COMMIT") != null) {
            // what 'mlci train' will use: the agent and docker arguments of the pinned target
            config = PullRequestTraining.effective(root.repositoryRoot(), config, env,
                    line -> root.console().err().println("mlci: " + line));
        } else if (env.get("CHANGE_ID") != null) {
            root.console().err().println("mlci: pull request without a pinned target commit (MLCI_TARGET_COMMIT): train.agent, "
                    + "train.image and train.dockerArgs below are the pull request's own; 'mlci train' takes them from the target");
        }
        Map<String, Object> train = new LinkedHashMap<>();
        train.put("command", config.train().command() == null ? null : config.train().command().display());
        train.put("image", config.train().image());
        train.put("agent", config.train().agent());
        train.put("params", config.train().params());
        train.put("code", config.train().code());
        train.put("outputs", config.train().outputs());
        train.put("checkpoints", config.train().checkpoints() == null ? null : config.train().checkpoints().path());
        train.put("timeoutSeconds", config.train().timeout() == null ? null : config.train().timeout().toSeconds());
        train.put("retries", config.train().retries());
        train.put("nodes", config.train().nodes());
        train.put("dockerArgs", config.train().dockerArgs());
        train.put("gpus", config.train().gpus().word());
        train.put("registry", config.train().registry());
        train.put("registryCredentialsId", config.train().registryCredentialsId());
        train.put("pipeline", config.train().runsDvcPipeline(io.mlci.core.pipeline.Pipelines.present(root.repositoryRoot()))
                ? TrainConfig.PIPELINE_DVC : TrainConfig.PIPELINE_COMMAND);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", config.source());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("pointers", config.data().pointers());
        data.put("remote", config.data().remote());
        json.put("data", data);
        json.put("train", train);
        json.put("metrics", config.metrics().files());
        json.put("predictions", config.metrics().predictions());
        json.put("model", config.model());
        json.put("deploy", config.deploy() == null ? null : config.deploy().display());
        json.put("store", config.store());
        json.put("cost", config.cost() == null ? null : cost(config.cost()));
        // the sweep and ablation sections are checked here too, not first when a sweep runs
        Study study = StudyYaml.load(root.repositoryRoot());
        json.put("sweep", study.sweep() == null ? null : sweep(study.sweep()));
        json.put("ablation", study.ablation() == null ? null : ablation(study.ablation()));
        if (root.global().json()) {
            root.console().json(json);
        } else {
            root.console().out().print(asYaml(json));
        }
        return 0;
    }

    /** The same tree as --json, in the YAML the user wrote mlci.yaml in. */
    private static String asYaml(Map<String, Object> config) {
        try {
            return YAML_OUT.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the configuration as YAML", e);
        }
    }

    private static Map<String, Object> cost(CostConfig cost) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("prices", cost.prices());
        json.put("pricePerHour", cost.pricePerHour());
        json.put("currency", cost.currency());
        json.put("spotFraction", cost.spotFraction());
        return json;
    }

    private static Map<String, Object> sweep(SweepSpec sweep) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("params", List.copyOf(sweep.params().keySet()));
        json.put("strategy", sweep.strategy().name().toLowerCase(Locale.ROOT));
        json.put("trials", sweep.trials());
        json.put("seed", sweep.seed());
        json.put("maxParallel", sweep.maxParallel());
        json.put("objective", objective(sweep.objective()));
        json.put("earlyStop", sweep.earlyStop() == null ? null : sweep.earlyStop().metric());
        return json;
    }

    private static Map<String, Object> ablation(AblationSpec ablation) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, List<String>> items = new LinkedHashMap<>();
        ablation.dimensions().forEach(dimension -> items.put(dimension.param(), dimension.items()));
        json.put("leaveOut", items);
        json.put("objective", ablation.objective() == null ? null : objective(ablation.objective()));
        json.put("maxParallel", ablation.maxParallel());
        return json;
    }

    private static String objective(Objective objective) {
        return objective.metric() + " (" + objective.goal().word() + ")";
    }
}
