package io.mlci.core.evaluate;

import io.mlci.core.InvalidInputException;
import io.mlci.core.MlciException;
import io.mlci.core.ci.CheckRun;
import io.mlci.core.gate.RuleStatus;
import io.mlci.core.run.TrainOptions;
import io.mlci.core.run.Trainer;
import io.mlci.core.run.record.RunRecord;
import io.mlci.core.testing.GitRepos;
import io.mlci.core.testing.TrainingRepos;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A pull request whose training script rewrites the build's {@code .git} — the target branch's
 * refs, its objects — to be judged by no rules. The gate reads rules and baseline only at the
 * commit pinned before the training ran, fetched afresh: each attack runs for real (a shell
 * running git) and the verdict stays the one main's rules give.
 */
public class PinnedTargetTest {

    private static final String RULES = """
            gate:
              rules:
                - metric: accuracy
                  direction: higher
                  change: { absolute: { min: -0.05 } }
            """;
    /** The attack a pull request appends to its training: main now points at a commit with no mlci.yaml. */
    private static final String FORGE_MAIN = """
            export GIT_AUTHOR_NAME=x GIT_AUTHOR_EMAIL=x@x GIT_COMMITTER_NAME=x GIT_COMMITTER_EMAIL=x@x
            forged=$(git commit-tree "$(git mktree </dev/null)" -m 'no rules here')
            git update-ref refs/remotes/origin/main "$forged"
            git update-ref refs/heads/main "$forged"
            git pack-refs --all
            """;
    private static final Map<String, String> PR = Map.of("CHANGE_ID", "7", "CHANGE_TARGET", "main", "CHANGE_BRANCH", "feature");

    @Rule
    public TemporaryFolder temp = new TemporaryFolder();

    private Path repo;
    private Git git;
    private RunRecord mainRun;
    private String pinned;

    @Before
    public void trainMainThenPinItAsTheCiServerDoes() throws Exception {
        repo = TrainingRepos.create(temp.getRoot().toPath(), TrainingRepos.MLCI_YAML + RULES, "ok");
        git = Git.open(repo.toFile());
        mainRun = train(Map.of("BRANCH_NAME", "main"));
        pinned = git.getRepository().resolve("refs/heads/main").name();
    }

    private RunRecord train(Map<String, String> env) {
        List<String> sink = new ArrayList<>();
        return new Trainer(repo, TrainingRepos.options(new HashMap<>(env), sink, sink)
                .withExecutor(TrainOptions.ExecutorChoice.LOCAL)).train().record();
    }

    /** A pull request that lowers accuracy by 0.2 (main's rules allow 0.05) and whose training also runs {@code attack}. */
    private void pullRequestThatAlso(String attack) throws Exception {
        git.checkout().setCreateBranch(true).setName("feature").call();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.3, "ok"));
        Path script = repo.resolve("train.sh");
        Files.writeString(script, Files.readString(script) + attack);
        GitRepos.commitAll(git, "lower lr, and more");
        train(PR);
    }

    private EvaluationResult gate(String pin) {
        return new Evaluation(repo, EvaluationOptions.defaults(PR).pinned(pin, null)).run(false);
    }

    @Test
    public void shouldJudgeByThePinnedRulesWhenTheTrainingRepointsTheTargetRef() throws Exception {
        pullRequestThatAlso(FORGE_MAIN);
        assertThat(git.getRepository().resolve("refs/heads/main").name()).as("the attack ran").isNotEqualTo(pinned);
        assertThat(Files.readString(repo.resolve(".git/packed-refs"))).contains("refs/remotes/origin/main");

        EvaluationResult result = gate(pinned);

        assertThat(result.result().verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(result.result().rulesFrom()).isEqualTo("mlci.yaml at main (" + pinned.substring(0, 7) + ", pinned)");
        assertThat(result.baseline().id()).isEqualTo(mainRun.id());
        assertThat(git.getRepository().resolve("refs/heads/main").name()).as("the gate reads the clone, never writes it")
                .isNotEqualTo(pinned);
    }

    @Test
    public void shouldRefuseAPullRequestBuildWithNoPinnedTarget() throws Exception {
        pullRequestThatAlso(FORGE_MAIN);

        assertThatThrownBy(() -> gate(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("MLCI_TARGET_COMMIT: pull request 7 is judged by main's rules at a commit pinned");
    }

    @Test
    public void shouldRefuseAnAbbreviatedPin() throws Exception {
        pullRequestThatAlso("");

        assertThatThrownBy(() -> gate(pinned.substring(0, 10))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a full commit id");
    }

    @Test
    public void shouldNotBeFooledByAnObjectRewrittenInTheBuildsClone() throws Exception {
        ObjectId rules = blobAt(pinned, "mlci.yaml");
        // the pull request's code overwrites main's mlci.yaml object in place with one that has no rules
        pullRequestThatAlso("");
        Path loose = repo.resolve(".git/objects/" + rules.name().substring(0, 2) + "/" + rules.name().substring(2));
        assertThat(loose).exists();
        loose.toFile().setWritable(true);
        Files.write(loose, looseObject(TrainingRepos.MLCI_YAML));
        assertThat(new String(git.getRepository().open(rules).getBytes(), StandardCharsets.UTF_8))
                .as("the clone now hands out the forged content under main's id").doesNotContain("gate:");

        assertThatThrownBy(() -> gate(pinned)).isInstanceOf(MlciException.class)
                .hasMessageContaining("mlci.yaml at main (" + pinned.substring(0, 7) + ") did not arrive intact")
                .hasMessageContaining("object " + rules.name() + " is missing or did not match its id");
    }

    @Test
    public void shouldIgnoreARunThatClaimsTheTargetBranchOutsideItsHistory() throws Exception {
        pullRequestThatAlso("");
        // the pull request records a worse "main" run at its own commit, to be compared with that
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.1, "ok"));
        GitRepos.commitAll(git, "a fake baseline");
        train(Map.of("MLCI_BRANCH", "main"));
        git.reset().setRef("HEAD~1").setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).call();

        EvaluationResult result = gate(pinned);

        assertThat(result.baseline().id()).isEqualTo(mainRun.id());
        assertThat(result.result().verdict()).isEqualTo(RuleStatus.FAILED);
    }

    @Test
    public void shouldNotTakeARunAPullRequestBuildRecordedForTheTargetAsTheBaseline() throws Exception {
        pullRequestThatAlso("");
        // the pull request's build records a worse run "of main" at main's very commit, to be compared with that
        git.checkout().setName(pinned).call();
        Files.writeString(repo.resolve("params.yaml"), TrainingRepos.params(0.1, "ok"));
        Map<String, String> lying = new HashMap<>(PR);
        lying.put("MLCI_BRANCH", "main");
        RunRecord fake = train(lying);
        assertThat(fake.source().branch()).isEqualTo("main");
        assertThat(fake.source().commit()).isEqualTo(pinned);
        git.checkout().setName("feature").setForced(true).call();

        EvaluationResult result = gate(pinned);

        assertThat(result.baseline().id()).isEqualTo(mainRun.id());
        assertThat(result.result().verdict()).isEqualTo(RuleStatus.FAILED);
        assertThat(repo.resolve(".mlci/pr/7/runs/" + fake.id() + ".json")).as("kept in the pull request's own space").exists();
        assertThat(repo.resolve(".mlci/runs/" + fake.id() + ".json")).doesNotExist();
    }

    @Test
    public void shouldSayThereAreNoRulesAtTheTargetAndConcludeNeutral() throws Exception {
        Files.writeString(repo.resolve("mlci.yaml"), TrainingRepos.MLCI_YAML);
        String noRules = GitRepos.commitAll(git, "main drops its gate").name();
        pinned = noRules;
        pullRequestThatAlso("");

        EvaluationResult result = gate(noRules);

        String expected = "no gate rules on main at " + noRules.substring(0, 7);
        assertThat(result.result().rulesFrom()).isEqualTo(expected);
        CheckRun check = CheckRun.of(null, result.result(), "");
        assertThat(check.title()).isEqualTo(expected);
        assertThat(check.conclusion()).isEqualTo("NEUTRAL");
    }

    private ObjectId blobAt(String commit, String path) throws Exception {
        try (RevWalk walk = new RevWalk(git.getRepository());
             TreeWalk found = TreeWalk.forPath(git.getRepository(), path, walk.parseCommit(ObjectId.fromString(commit)).getTree())) {
            return found.getObjectId(0);
        }
    }

    private static byte[] looseObject(String content) throws Exception {
        byte[] body = content.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
            deflate.write(("blob " + body.length + "\0").getBytes(StandardCharsets.US_ASCII));
            deflate.write(body);
        }
        return out.toByteArray();
    }
}
