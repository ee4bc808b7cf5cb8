package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.Util;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlci.core.ci.BuildOutcome;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.CheckRun;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

import java.io.Serial;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code mlGate}: judges the run with the gate rules (a pull request by its target branch's
 * rules), records the verdict with the run, fingerprints the run's files, publishes the pull
 * request check, and sets the build result: passed leaves it, unstable marks the step and build
 * UNSTABLE as the {@code unstable} step does, failed fails the build with the gate's reasons.
 */
public class MlGateStep extends ReviewStep {

    private String checkName = CheckRun.DEFAULT_NAME;
    private boolean failBuild = true;
    private boolean publishChecks = true;

    @DataBoundConstructor
    public MlGateStep() {
    }

    public String getCheckName() {
        return checkName;
    }

    @DataBoundSetter
    public void setCheckName(String checkName) {
        this.checkName = Util.fixEmptyAndTrim(checkName) == null ? CheckRun.DEFAULT_NAME : checkName.trim();
    }

    public boolean isFailBuild() {
        return failBuild;
    }

    /** false: a failed gate marks the build UNSTABLE instead of failing it. */
    @DataBoundSetter
    public void setFailBuild(boolean failBuild) {
        this.failBuild = failBuild;
    }

    public boolean isPublishChecks() {
        return publishChecks;
    }

    @DataBoundSetter
    public void setPublishChecks(boolean publishChecks) {
        this.publishChecks = publishChecks;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        @Serial
        private static final long serialVersionUID = 1L;
        private final transient MlGateStep step;

        Execution(MlGateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            BuildSummary summary = step.judge(getContext(), "mlGate", true, step.getCheckName());
            Run<?, ?> run = getContext().get(Run.class);
            TaskListener listener = getContext().get(TaskListener.class);
            ModelFingerprints.record(run, summary);
            if (step.isPublishChecks()) {
                GateCheck.publish(run, listener, summary);
            }
            String message = "mlGate: " + summary.headline();
            BuildOutcome outcome = BuildOutcome.of(summary.verdict(), step.isFailBuild());
            if (outcome == BuildOutcome.FAIL) {
                throw new AbortException(message);
            }
            if (outcome == BuildOutcome.UNSTABLE) {
                getContext().get(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
                run.setResult(Result.UNSTABLE);
            }
            listener.getLogger().println(message);
            return new LinkedHashMap<>(summary.asMap());
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            Set<Class<?>> context = new HashSet<>(StepEnvironment.agentContext());
            context.add(FlowNode.class);
            return context;
        }

        @Override
        public String getFunctionName() {
            return "mlGate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MlGateStep_DisplayName();
        }
    }
}
