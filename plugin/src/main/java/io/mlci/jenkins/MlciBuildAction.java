package io.mlci.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.DataFetch;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * The build page's "ML review": the verdict and its reasons, the metric-delta table, the lineage
 * (data versions, code commit, the run's files with their fingerprints) and the baseline build.
 * Kept in build.xml as the core's JSON, so the page needs nothing but this build to render.
 */
public class MlciBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction {

    static final String URL_NAME = "mlci";

    private String reviewJson;
    private String dataJson;
    private transient Run<?, ?> owner;
    private transient BuildSummary review;
    private transient DataFetch data;

    /** The build's action, added on first use; one per build however many mlci steps run. */
    static MlciBuildAction of(Run<?, ?> run) {
        synchronized (run) {
            MlciBuildAction action = run.getAction(MlciBuildAction.class);
            if (action == null) {
                action = new MlciBuildAction();
                run.addAction(action);
            }
            return action;
        }
    }

    synchronized void recordReview(BuildSummary summary) throws IOException {
        reviewJson = summary.toJson();
        review = summary;
        owner.save();
    }

    synchronized void recordData(DataFetch fetched) throws IOException {
        dataJson = fetched.toJson();
        data = fetched;
        owner.save();
    }

    /** The latest mlEvaluate or mlGate summary of this build; null when neither ran. */
    public synchronized BuildSummary getReview() {
        if (review == null && reviewJson != null) {
            review = BuildSummary.fromJson(reviewJson, owner == null ? "build.xml" : owner.getExternalizableId());
        }
        return review;
    }

    /** What mlData fetched in this build; null when it did not run. */
    public synchronized DataFetch getData() {
        if (data == null && dataJson != null) {
            data = DataFetch.fromJson(dataJson, owner == null ? "build.xml" : owner.getExternalizableId());
        }
        return data;
    }

    public Run<?, ?> getOwner() {
        return owner;
    }

    @Override
    public void onAttached(Run<?, ?> run) {
        owner = run;
    }

    @Override
    public void onLoad(Run<?, ?> run) {
        owner = run;
    }

    @Override
    public String getIconFileName() {
        return "/plugin/mlci/images/mlci.svg";
    }

    @Override
    public String getDisplayName() {
        return Messages.MlciBuildAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return List.of(new MlciJobAction(owner.getParent()));
    }
}
