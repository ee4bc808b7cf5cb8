package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlci.core.ci.DataFetch;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.Serial;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code mlData}: fetches exactly the data versions the repository's DVC pointers name, verified,
 * into the workspace, and returns which versions they were (pointer → path, hash, commit, date).
 */
public class MlDataStep extends Step {

    private String remote;
    private List<String> targets = List.of();
    private Integer jobs;
    private String link;

    @DataBoundConstructor
    public MlDataStep() {
    }

    public String getRemote() {
        return remote;
    }

    /** The DVC remote to pull from; default: core.remote of .dvc/config, else the global default. */
    @DataBoundSetter
    public void setRemote(String remote) {
        this.remote = Util.fixEmptyAndTrim(remote);
    }

    public List<String> getTargets() {
        return targets;
    }

    /**
     * Pointer files, dvc.lock stages or tracked paths; default: all of them. A pipeline passes a
     * list; the configuration form sends its text area as one value with a target per line, so
     * every value is split at line breaks and blank lines are dropped.
     */
    @DataBoundSetter
    public void setTargets(List<String> targets) {
        List<String> lines = new ArrayList<>();
        for (String value : targets == null ? List.<String>of() : targets) {
            if (value == null) {
                continue;
            }
            for (String line : value.split("\\R")) {
                if (!line.isBlank()) {
                    lines.add(line.trim());
                }
            }
        }
        this.targets = lines;
    }

    /** The targets as the configuration form's text area shows them: one per line. */
    public String getTargetsText() {
        return String.join("\n", targets);
    }

    public Integer getJobs() {
        return jobs;
    }

    @DataBoundSetter
    public void setJobs(Integer jobs) {
        this.jobs = jobs;
    }

    public String getLink() {
        return link;
    }

    /** Link types in order of preference, e.g. "hardlink,copy". */
    @DataBoundSetter
    public void setLink(String link) {
        this.link = Util.fixEmptyAndTrim(link);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Map<String, Object>>> {

        @Serial
        private static final long serialVersionUID = 1L;
        private final transient MlDataStep step;

        Execution(MlDataStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Map<String, Object>> run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            Run<?, ?> run = getContext().get(Run.class);
            DataFetchCallable fetch = new DataFetchCallable(step, MlciConfiguration.get().getDefaultRemote(),
                    StepEnvironment.of(getContext()), listener);
            DataFetch fetched = DataFetch.fromJson(AgentCalls.run("mlData", () -> workspace.act(fetch)), "mlData on "
                    + workspace.getRemote());
            MlciBuildAction.of(run).recordData(fetched);
            listener.getLogger().println("mlData: " + fetched.describe());
            return new LinkedHashMap<>(fetched.lineage());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return StepEnvironment.agentContext();
        }

        @Override
        public String getFunctionName() {
            return "mlData";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MlDataStep_DisplayName();
        }
    }
}
