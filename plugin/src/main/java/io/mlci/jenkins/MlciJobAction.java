package io.mlci.jenkins;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import io.mlci.core.ci.BuildSummary;
import io.mlci.core.ci.TrendChart;
import io.mlci.core.report.Threshold;
import jenkins.branch.MultiBranchProject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The job page's metric trends: a chart per metric across the newest builds, one line per branch
 * when the job is a branch of a multibranch project (its sibling branches and pull requests are
 * drawn beside it), the gate's bounds dashed. The chart itself is the core's; this collects the
 * builds' summaries for it.
 */
public class MlciJobAction implements Action {

    /** Builds per branch: enough for a trend, few enough that a page view loads little. */
    static final int MAX_BUILDS = 50;

    private final Job<?, ?> job;

    public MlciJobAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** A chart for the page: its element id and the ECharts option as JSON. */
    public record Chart(String id, String metric, String option) {
    }

    public List<Chart> getCharts() {
        List<Job<?, ?>> branches = branches();
        List<TrendChart.Point> points = new ArrayList<>();
        Map<String, Threshold> thresholds = Map.of();
        for (Job<?, ?> branch : branches) {
            int seen = 0;
            for (Run<?, ?> run : branch.getBuilds()) {
                if (seen++ >= MAX_BUILDS) {
                    break;
                }
                MlciBuildAction action = run.getAction(MlciBuildAction.class);
                BuildSummary summary = action == null ? null : action.getReview();
                if (summary == null) {
                    continue;
                }
                if (branch == job && thresholds.isEmpty()) {
                    thresholds = summary.thresholds();
                }
                String label = branches.size() > 1 ? branch.getName() + " #" + run.getNumber() : "#" + run.getNumber();
                points.add(new TrendChart.Point(branch.getName(), label, run.getTimeInMillis(), summary.metrics()));
            }
        }
        List<Chart> charts = new ArrayList<>();
        for (TrendChart chart : TrendChart.of(points, thresholds)) {
            charts.add(new Chart("mlci-trend-" + charts.size(), chart.metric(), chart.toEcharts()));
        }
        return charts;
    }

    /** This job, or every branch and pull request of its multibranch project. */
    private List<Job<?, ?>> branches() {
        List<Job<?, ?>> jobs = new ArrayList<>();
        if (job.getParent() instanceof MultiBranchProject<?, ?> project) {
            jobs.addAll(project.getItems());
        }
        if (!jobs.contains(job)) {
            jobs.add(0, job);
        }
        return jobs;
    }

    /** No sidebar link: the charts sit on the job page itself (floatingBox.jelly). */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return Messages.MlciJobAction_DisplayName();
    }

    @Override
    public String getUrlName() {
        return "mlci-trends";
    }
}
