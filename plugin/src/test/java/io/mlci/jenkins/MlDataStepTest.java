package io.mlci.jenkins;

import hudson.model.Result;
import io.mlci.core.ci.DataFetch;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.storage.FileTrees;
import io.mlci.core.testing.TrainingRepos;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WithJenkins
class MlDataStepTest {

    @TempDir
    Path temp;

    private Path pushedRepository() throws Exception {
        Path repo = TrainingRepos.create(temp);
        try (DataWorkspace data = DataWorkspace.open(repo, DataOptions.defaults())) {
            data.push(null, List.of());
        }
        FileTrees.deleteQuietly(repo.resolve("data"));
        FileTrees.deleteQuietly(repo.resolve(".dvc/cache"));
        return repo;
    }

    private WorkflowRun run(JenkinsRule jenkins, Path repo, String body, Result expected) throws Exception {
        WorkflowJob job = jenkins.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node { ws('" + repo + "') { " + body + " } }", true));
        return jenkins.buildAndAssertStatus(expected, job);
    }

    @Test
    void shouldFetchTheVersionsThePointersNameAndReturnTheirLineage(JenkinsRule jenkins) throws Exception {
        Path repo = pushedRepository();

        WorkflowRun build = run(jenkins, repo,
                "def data = mlData(jobs: 4); echo \"hash=${data['data.dvc'].hash} status=${data['data.dvc'].status}\"",
                Result.SUCCESS);

        assertThat(repo.resolve("data/a.txt")).hasContent("alpha");
        DataFetch fetched = build.getAction(MlciBuildAction.class).getData();
        assertThat(fetched.transferred()).isEqualTo(3);
        jenkins.assertLogContains("hash=" + fetched.versions().get(0).hash() + " status=present", build);
        jenkins.assertLogContains("mlData: data versions", build);
    }

    @Test
    void shouldFailNamingTheRemoteThatDoesNotExist(JenkinsRule jenkins) throws Exception {
        Path repo = pushedRepository();

        WorkflowRun build = run(jenkins, repo, "mlData(remote: 'nowhere')", Result.FAILURE);

        jenkins.assertLogContains("mlData: ", build);
        jenkins.assertLogContains("nowhere", build);
        assertThat(Files.exists(repo.resolve("data"))).isFalse();
    }

    @Test
    void shouldRefuseALinkTypeItDoesNotKnowNamingTheParameter(JenkinsRule jenkins) throws Exception {
        Path repo = pushedRepository();

        WorkflowRun build = run(jenkins, repo, "mlData(link: 'teleport')", Result.FAILURE);

        jenkins.assertLogContains("mlData link", build);
        jenkins.assertLogContains("teleport", build);
        assertThat(Files.exists(repo.resolve("data"))).isFalse();
    }

    @Test
    void shouldUseTheGlobalDefaultRemoteWhenTheRepositoryNamesNone(JenkinsRule jenkins) throws Exception {
        Path repo = pushedRepository();
        Path config = repo.resolve(".dvc/config");
        Files.writeString(config, Files.readString(config).replaceAll("(?m)^\\s*remote = local\\s*$", ""));
        MlciConfiguration.get().setDefaultRemote("local");

        run(jenkins, repo, "mlData()", Result.SUCCESS);

        assertThat(repo.resolve("data/b.txt")).hasContent("beta");
    }
}
