package io.mlci.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TestRepos;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline of iterative/example-get-started — its own dvc.yaml and params.yaml — on a small
 * generated data/data.xml, with stand-in scripts that use only Python's standard library (the
 * originals need scikit-learn, pandas and dvclive, which this machine does not have). The
 * scripts write the same outputs at the same paths as the originals.
 */
public class ReproCliTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path createGetStarted() throws Exception {
        Path repo = temp.newFolder("example-get-started").toPath();
        try (Git git = GitRepos.init(repo)) {
            for (String name : List.of("dvc.yaml", "params.yaml")) {
                try (InputStream in = getClass().getResourceAsStream("/io/mlci/core/pipeline/get-started/" + name)) {
                    Files.copy(in, repo.resolve(name));
                }
            }
            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<posts>\n");
            for (int i = 0; i < 60; i++) {
                xml.append("  <row Id=\"").append(i).append("\" Tags=\"").append(i % 4 == 0 ? "&lt;r&gt;" : "&lt;python&gt;")
                        .append("\" Body=\"question ").append(i).append("\" />\n");
            }
            TestRepos.write(repo, "data/data.xml", xml.append("</posts>\n").toString());
            TestRepos.write(repo, "src/prepare.py", """
                    import os, random, sys
                    params = open('params.yaml').read()
                    split = float(params.split('split:')[1].split()[0])
                    random.seed(int(params.split('seed:')[1].split()[0]))
                    rows = [l for l in open(sys.argv[1]) if l.strip().startswith('<row')]
                    os.makedirs(os.path.join('data', 'prepared'), exist_ok=True)
                    with open('data/prepared/train.tsv', 'w') as train, open('data/prepared/test.tsv', 'w') as test:
                        for row in rows:
                            (test if random.random() < split else train).write(row.strip() + '\\n')
                    """);
            TestRepos.write(repo, "src/featurization.py", """
                    import os, sys
                    os.makedirs(sys.argv[2], exist_ok=True)
                    for name in ('train', 'test'):
                        rows = open(os.path.join(sys.argv[1], name + '.tsv')).read().splitlines()
                        feats = ['%d %d' % (1 if '&lt;r&gt;' in r else 0, len(r)) for r in rows]
                        open(os.path.join(sys.argv[2], name + '.pkl'), 'w').write('\\n'.join(feats) + '\\n')
                    """);
            TestRepos.write(repo, "src/train.py", """
                    import json, os, sys
                    rows = [l.split() for l in open(os.path.join(sys.argv[1], 'train.pkl')).read().splitlines()]
                    positive = [int(n) for y, n in rows if y == '1'] or [0]
                    json.dump({'threshold': sum(positive) / len(positive)}, open(sys.argv[2], 'w'))
                    """);
            TestRepos.write(repo, "src/evaluate.py", """
                    import json, os, sys
                    model = json.load(open(sys.argv[1]))
                    scores = {}
                    for name in ('train', 'test'):
                        rows = [l.split() for l in open(os.path.join(sys.argv[2], name + '.pkl')).read().splitlines()]
                        hits = sum(1 for y, n in rows if (int(n) >= model['threshold']) == (y == '1'))
                        scores[name] = round(hits / max(1, len(rows)), 4)
                    for plot in ('roc', 'prc', 'cm'):
                        for name in ('train', 'test'):
                            path = os.path.join('eval', 'plots', 'sklearn', plot, name + '.json')
                            os.makedirs(os.path.dirname(path), exist_ok=True)
                            json.dump({plot: [scores[name]]}, open(path, 'w'))
                    os.makedirs('eval/plots/images', exist_ok=True)
                    open('eval/plots/images/importance.png', 'wb').write(b'\\x89PNG\\r\\n')
                    json.dump({'avg_prec': scores, 'roc_auc': scores}, open('eval/metrics.json', 'w'))
                    """);
            TestRepos.write(repo, ".gitignore", "/.mlci\n/.dvc/cache\n/data/prepared\n/data/features\n/model.pkl\n/eval\n");
            GitRepos.commitAll(git, "example-get-started pipeline");
        }
        return repo;
    }

    private static Map<String, String> environment(Path home) {
        return Map.of("PATH", System.getenv("PATH"), "HOME", home.toString());
    }

    @Test
    public void shouldRunTheGetStartedPipelineLikeDvcRepro() throws Exception {
        Path repo = createGetStarted();
        Map<String, String> env = environment(temp.getRoot().toPath());

        CliRun dry = CliRun.in(repo, env, "repro", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out().lines().map(line -> line.split("\\s+")[0]).toList())
                .containsExactly("prepare", "featurize", "train", "evaluate");
        assertThat(repo.resolve("dvc.lock")).doesNotExist();

        CliRun refused = CliRun.in(repo, env, "repro", "--image", "python:3.12-slim", "--gpus", "false",
                "--docker-args=--privileged");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.err()).contains("--docker-args").contains("--privileged");
        assertThat(repo.resolve("dvc.lock")).doesNotExist();
        assertThat(CliRun.in(repo, env, "repro", "--gpus", "some").err()).contains("--gpus").contains("'some'");

        CliRun first = CliRun.in(repo, env, "repro");
        assertThat(first.exitCode()).as(first.err() + first.out()).isZero();
        assertThat(first.out()).containsPattern("prepare\\s+ran").containsPattern("evaluate\\s+ran");

        CliRun second = CliRun.in(repo, env, "--json", "repro");
        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode stages = new ObjectMapper().readTree(second.out()).get("stages");
        List<String> states = new ArrayList<>();
        stages.forEach(stage -> states.add(stage.get("state").asText()));
        assertThat(states).containsExactly("unchanged", "unchanged", "unchanged", "unchanged");
        JsonNode secondJson = new ObjectMapper().readTree(second.out());
        assertThat(secondJson.get("skipped").asBoolean()).isTrue();
        assertThat(secondJson.at("/run/status").asText()).isEqualTo("succeeded");
        assertThat(secondJson.at("/run/stages/3/stage").asText()).isEqualTo("evaluate");

        CliRun config = CliRun.in(repo, env, "--json", "config");
        assertThat(new ObjectMapper().readTree(config.out()).at("/train/pipeline").asText()).isEqualTo("dvc");
        TestRepos.write(repo, "mlci.yaml", "train:\n  command: python src/train.py data/features model.pkl\n");
        assertThat(new ObjectMapper().readTree(CliRun.in(repo, env, "--json", "config").out()).at("/train/pipeline")
                .asText()).isEqualTo("command");
        TestRepos.write(repo, "mlci.yaml", "train:\n  command: python x.py\n  pipeline: dvc\n");
        assertThat(new ObjectMapper().readTree(CliRun.in(repo, env, "--json", "config").out()).at("/train/pipeline")
                .asText()).isEqualTo("dvc");
        TestRepos.write(repo, "mlci.yaml", "train:\n  pipeline: make\n");
        assertThat(CliRun.in(repo, env, "config").err()).contains("train.pipeline").contains("expected 'dvc'");
        Files.delete(repo.resolve("mlci.yaml"));

        String runId = secondJson.at("/run/id").asText();
        CliRun register = CliRun.in(repo, env, "--json", "model", "register", "--run", runId, "--artifact",
                "text-classification", "--force", "--reason", "no gate in this test");
        assertThat(register.exitCode()).as(register.err()).isZero();
        JsonNode version = new ObjectMapper().readTree(register.out());
        assertThat(version.get("model").asText()).isEqualTo("text-classification");
        assertThat(version.get("outputs")).hasSize(1);
        assertThat(version.at("/outputs/0/path").asText()).isEqualTo("model.pkl");
        assertThat(version.at("/artifact/type").asText()).isEqualTo("model");
        assertThat(version.at("/artifact/labels/0").asText()).isEqualTo("nlp");
        CliRun unknown = CliRun.in(repo, env, "model", "register", "--run", runId, "--artifact", "nope", "--force",
                "--reason", "x");
        assertThat(unknown.exitCode()).isNotZero();
        assertThat(unknown.err()).contains("no artifact 'nope'").contains("text-classification");
        CliRun dataset = CliRun.in(repo, env, "model", "register", "--run", runId, "--artifact", "stackoverflow-dataset",
                "--force", "--reason", "x");
        assertThat(dataset.err()).contains("has no output at 'data/data.xml'");

        CliRun metrics = CliRun.in(repo, env, "metrics", "show");
        assertThat(metrics.exitCode()).as(metrics.err()).isZero();
        assertThat(metrics.out()).contains("avg_prec.test").contains("roc_auc.train");

        JsonNode ours = YAML.readTree(repo.resolve("dvc.lock").toFile());
        JsonNode theirs;
        try (InputStream in = getClass().getResourceAsStream("/io/mlci/core/pipeline/get-started/dvc.lock")) {
            theirs = YAML.readTree(in);
        }
        assertThat(layout(ours)).isEqualTo(layout(theirs));
    }

    /** Every key path of a lock file with list items named by their path, and where a hash is a directory's. */
    private static List<String> layout(JsonNode node) {
        List<String> keys = new ArrayList<>();
        walk("", node, keys);
        return keys;
    }

    private static void walk(String prefix, JsonNode node, List<String> keys) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> walk(prefix + "/" + field.getKey(), field.getValue(), keys));
        } else if (node.isArray()) {
            node.forEach(item -> walk(prefix + "[" + item.path("path").asText() + "]", item, keys));
        } else {
            boolean dir = node.asText().endsWith(".dir");
            keys.add(prefix + (prefix.endsWith("/md5") && dir ? " (dir)" : ""));
        }
    }
}
