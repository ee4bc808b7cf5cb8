package io.mlci.jenkins;

import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import io.mlci.core.ci.DataFetch;
import io.mlci.core.data.workspace.DataOptions;
import io.mlci.core.data.workspace.DataWorkspace;
import io.mlci.core.data.workspace.LinkType;
import jenkins.MasterToSlaveFileCallable;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * mlData's work, on the agent that holds the workspace: the data moves between the remote and
 * that agent only. Returns the core's summary as JSON, a small string to send back.
 */
final class DataFetchCallable extends MasterToSlaveFileCallable<String> {

    private static final long serialVersionUID = 1L;

    private final String remote;
    private final String fallbackRemote;
    private final ArrayList<String> targets;
    private final Integer jobs;
    private final String link;
    private final HashMap<String, String> environment;
    private final TaskListener listener;

    DataFetchCallable(MlDataStep step, String fallbackRemote, Map<String, String> environment, TaskListener listener) {
        this.remote = step.getRemote();
        this.fallbackRemote = fallbackRemote;
        this.targets = new ArrayList<>(step.getTargets());
        this.jobs = step.getJobs();
        this.link = step.getLink();
        this.environment = new HashMap<>(environment);
        this.listener = listener;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) {
        DataOptions options = BuildLogProgress.dataOptions(listener, environment);
        if (jobs != null) {
            options = options.withJobs(jobs);
        }
        if (link != null) {
            options = options.withLinkTypes(LinkType.parseList(link, "mlData link"));
        }
        return DataFetch.pull(DataWorkspace.findRoot(workspace.toPath()), options, remote, fallbackRemote, targets).toJson();
    }
}
