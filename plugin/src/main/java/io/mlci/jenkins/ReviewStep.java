package io.mlci.jenkins;

import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlci.core.ci.BuildSummary;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.kohsuke.stapler.DataBoundSetter;


/**
 * What mlEvaluate and mlGate share: which run to judge against which baseline, with which rules.
 * Every field is optional; the core works out what is not given (the newest run of this commit,
 * the newest passing run of the target branch, the target branch's rules for a pull request).
 */
public abstract class ReviewStep extends Step {

    private String run;
    private String base;
    private String target;
    private String rulesFrom;
    private String store;
    private boolean trusted;

    public String getRun() {
        return run;
    }

    /** The run id to judge; default: the newest successful run of this commit. */
    @DataBoundSetter
    public void setRun(String run) {
        this.run = Util.fixEmptyAndTrim(run);
    }

    public String getBase() {
        return base;
    }

    /** target-branch, merge-base, run:ID or none; default: mlci.yaml's gate.baseline. */
    @DataBoundSetter
    public void setBase(String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    public String getTarget() {
        return target;
    }

    /** The branch the change goes into; default: CHANGE_TARGET, else main. */
    @DataBoundSetter
    public void setTarget(String target) {
        this.target = Util.fixEmptyAndTrim(target);
    }

    public String getRulesFrom() {
        return rulesFrom;
    }

    /** The git revision whose mlci.yaml holds the rules; default: the target branch for pull requests. */
    @DataBoundSetter
    public void setRulesFrom(String rulesFrom) {
        this.rulesFrom = Util.fixEmptyAndTrim(rulesFrom);
    }

    public String getStore() {
        return store;
    }

    /** The run store; default: mlci.yaml's store, else the global one, else .mlci/. */
    @DataBoundSetter
    public void setStore(String store) {
        this.store = Util.fixEmptyAndTrim(store);
    }

    public boolean isTrusted() {
        return trusted;
    }

    /** Judge the target's own evaluation of the run's model; the target's evaluate.trusted turns it on too. */
    @DataBoundSetter
    public void setTrusted(boolean trusted) {
        this.trusted = trusted;
    }

    /**
     * Judges on the agent and keeps the summary with the build (the build page and trend chart
     * read it from there).
     *
     * @param record store the verdict with the run, as the gate does
     */
    BuildSummary judge(StepContext context, String stepName, boolean record, String checkName) throws Exception {
        FilePath workspace = context.get(FilePath.class);
        TaskListener listener = context.get(TaskListener.class);
        ReviewCallable review = new ReviewCallable(this, record, checkName, StepEnvironment.of(context), listener);
        BuildSummary summary = BuildSummary.fromJson(AgentCalls.run(stepName, () -> workspace.act(review)),
                stepName + " on " + workspace.getRemote());
        MlciBuildAction.of(context.get(Run.class)).recordReview(summary);
        return summary;
    }
}
