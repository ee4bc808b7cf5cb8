package io.mlci.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.TaskListener;
import io.mlci.core.ci.BuildSummary;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code mlEvaluate}: compares the run's metrics with its baseline and shows the metric-delta
 * table in the log and on the build page. Records nothing and leaves the build result alone;
 * {@code mlGate} does both.
 */
public class MlEvaluateStep extends ReviewStep {

    @DataBoundConstructor
    public MlEvaluateStep() {
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {

        @Serial
        private static final long serialVersionUID = 1L;
        private final transient MlEvaluateStep step;

        Execution(MlEvaluateStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            BuildSummary summary = step.judge(getContext(), "mlEvaluate", false, null);
            getContext().get(TaskListener.class).getLogger().println(summary.check().summary());
            return new LinkedHashMap<>(summary.asMap());
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
            return "mlEvaluate";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return Messages.MlEvaluateStep_DisplayName();
        }
    }
}
