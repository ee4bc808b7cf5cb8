package io.mlci.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.mlci.core.ci.CiReview;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.evaluate.EvaluationOptions;
import jenkins.MasterToSlaveFileCallable;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

/**
 * mlEvaluate's and mlGate's work, on the agent: reads the run store and the repository's git
 * history there, judges, and sends back the build summary as JSON.
 */
final class ReviewCallable extends MasterToSlaveFileCallable<String> {

    private static final long serialVersionUID = 1L;

    private final String store;
    private final String run;
    private final String base;
    private final String target;
    private final String rulesFrom;
    private final boolean trusted;
    private final boolean record;
    private final String checkName;
    private final HashMap<String, String> environment;
    private final TaskListener listener;

    /** @param record store the verdict with the run (mlGate) or only report it (mlEvaluate) */
    ReviewCallable(ReviewStep step, boolean record, String checkName, Map<String, String> environment,
                   TaskListener listener) {
        this.store = step.getStore();
        this.run = step.getRun();
        this.base = step.getBase();
        this.target = step.getTarget();
        this.rulesFrom = step.getRulesFrom();
        this.trusted = step.isTrusted();
        this.record = record;
        this.checkName = checkName;
        this.environment = new HashMap<>(environment);
        this.listener = listener;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        DataOptions data = BuildLogProgress.dataOptions(listener, environment);
        EvaluationOptions options = EvaluationOptions.defaults(environment).with(store, run, base, target, rulesFrom)
                .trusted(trusted).withOutput(data, BuildLogProgress.phases(listener));
        return new CiReview(DataWorkspace.findRoot(workspace.toPath()), options).judge(record, checkName, null).toJson();
    }
}
