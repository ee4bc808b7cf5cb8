package io.mlci.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.sweep.SweepRecord;
import io.mlci.core.sweep.Trial;
import io.mlci.core.sweep.TrialResult;

import java.util.List;

/**
 * The dashboard's data for sweeps: per trial its params, objective and status, so the page can
 * plot the objective against each swept param, and an ablation's drops as bars.
 */
final class SweepViews {

    /** The newest sweeps get a view; older ones are in the store ({@code mlci sweep list}). */
    static final int SHOWN = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepViews() {
    }

    static ArrayNode data(List<SweepRecord> sweeps) {
        ArrayNode all = JSON.createArrayNode();
        for (SweepRecord sweep : sweeps.stream().limit(SHOWN).toList()) {
            ObjectNode view = all.addObject();
            view.put("id", sweep.id());
            view.put("kind", sweep.kind());
            view.put("metric", sweep.objective().metric());
            view.put("goal", sweep.objective().goal().word());
            view.put("best", sweep.best());
            ArrayNode trials = view.putArray("trials");
            for (TrialResult trial : sweep.trials()) {
                ObjectNode t = trials.addObject();
                t.put("name", trial.name());
                t.put("status", trial.stoppedEarly() ? "stopped early" : trial.status());
                t.put("run", trial.runId());
                if (trial.objective() != null && Double.isFinite(trial.objective())) {
                    t.put("value", trial.objective());
                } else {
                    t.putNull("value");
                }
                ObjectNode params = t.putObject("params");
                trial.overrides().forEach((name, value) -> params.put(name, Trial.display(value)));
            }
            ArrayNode drops = view.putArray("drops");
            sweep.drops().forEach(drop -> drops.addObject().put("removed", drop.removed()).put("drop", drop.drop()));
        }
        return all;
    }
}
