package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serial;
import java.net.URL;
import java.util.Set;

/**
 * {@code mlciCli}: places the mlci CLI this plugin carries in the workspace's temporary directory
 * on the agent and returns its path. The shared library's mlTrain runs it in a durable {@code sh},
 * so agents need no download and no internet access.
 */
public class MlciCliStep extends Step {

    static final String JAR = "mlci.jar";

    @DataBoundConstructor
    public MlciCliStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<String> {

        @Serial
        private static final long serialVersionUID = 1L;

        Execution(StepContext context) {
            super(context);
        }

        @Override
        protected String run() throws Exception {
            FilePath workspace = getContext().get(FilePath.class);
            FilePath dir = WorkspaceList.tempDir(workspace);
            if (dir == null) {
                throw new AbortException("mlciCli: the workspace " + workspace.getRemote() + " has no temporary directory");
            }
            FilePath jar = dir.child("mlci").child(JAR);
            URL bundled = MlciCliStep.class.getResource(JAR);
            if (bundled == null) {
                throw new AbortException("mlciCli: this build of the mlci plugin carries no CLI");
            }
            // The same jar is copied once per workspace, and again only when the plugin was updated.
            if (!jar.exists() || !jar.digest().equals(bundledDigest(bundled))) {
                jar.getParent().mkdirs();
                jar.copyFrom(bundled);
                getContext().get(TaskListener.class).getLogger().println("mlciCli: placed the mlci CLI at " + jar.getRemote());
            }
            return jar.getRemote();
        }
    }

    /** The carried jar does not change while the plugin is loaded: its md5 is read once. */
    private static volatile String digest;

    static String bundledDigest(URL bundled) throws IOException {
        if (digest == null) {
            try (InputStream in = bundled.openStream()) {
                digest = Util.getDigestOf(in);
            }
        }
        return digest;
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "mlciCli";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MlciCliStep_DisplayName();
        }
    }
}
