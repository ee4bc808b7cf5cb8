package io.mlci.jenkins;

import hudson.model.Action;
import hudson.model.Run;
import io.mlci.core.MlciException;
import io.mlci.core.ci.BuildRecord;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.DataFetch;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The build page's "ML review": the verdict and its reasons, the metric-delta table, the lineage
 * (data versions, code commit, the run's files with their fingerprints) and the baseline build.
 * All it keeps in build.xml is a {@link BuildRecord} — the core's JSON as plain strings — so the
 * page needs nothing but this build to render, before and after a restart.
 */
public class MlciBuildAction implements RunAction2, SimpleBuildStep.LastBuildAction {

    static final String URL_NAME = "mlci";
    private static final Logger LOGGER = Logger.getLogger(MlciBuildAction.class.getName());

    private BuildRecord record = BuildRecord.EMPTY;
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
        record = record.withReview(summary);
        review = summary;
        owner.save();
    }

    synchronized void recordData(DataFetch fetched) throws IOException {
        record = record.withData(fetched);
        data = fetched;
        owner.save();
    }

    /** The latest mlEvaluate or mlGate summary of this build; null when neither ran (or it is unreadable: logged). */
    public synchronized BuildSummary getReview() {
        if (review == null) {
            review = readable(() -> record.review(source()));
        }
        return review;
    }

    /** What mlData fetched in this build; null when it did not run (or it is unreadable: logged). */
    public synchronized DataFetch getData() {
        if (data == null) {
            data = readable(() -> record.data(source()));
        }
        return data;
    }

    /** A damaged build.xml costs this build's review, not the job page that charts every build. */
    private <T> T readable(Supplier<T> read) {
        try {
            return read.get();
        } catch (MlciException e) {
            LOGGER.log(Level.WARNING, e.getMessage(), e);
            return null;
        }
    }

    private String source() {
        return owner == null ? "build.xml" : owner.getExternalizableId() + " build.xml";
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
        if (record == null) {
            record = BuildRecord.EMPTY;
        }
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
