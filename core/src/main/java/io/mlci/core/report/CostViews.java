package io.mlci.core.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlci.core.run.cost.CostBreakdown;
import io.mlci.core.run.cost.CostTotals;
import io.mlci.core.run.cost.Prices;
import io.mlci.core.run.record.RunRecord;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's data for cost: the same totals as {@code mlci cost} per ISO week and per
 * branch, as table text, plus the amounts of one currency for the charts and the savings summed
 * week after week. Amounts in other currencies stay in the tables' text, never added in.
 */
final class CostViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CostViews() {
    }

    /** @param fallback prices runs that recorded no cost; null = leave them unpriced */
    static ObjectNode data(List<RunRecord> runs, Prices fallback) {
        CostBreakdown weeks = CostBreakdown.of(runs, CostBreakdown.By.WEEK, fallback);
        CostBreakdown branches = CostBreakdown.of(runs, CostBreakdown.By.BRANCH, fallback);
        String currency = chartCurrency(weeks.total());
        ObjectNode cost = JSON.createObjectNode();
        if (currency != null) {
            cost.put("currency", currency);
        } else {
            cost.putNull("currency");
        }
        cost.set("total", totals(weeks.total(), currency));
        ArrayNode weekRows = cost.putArray("weeks");
        double savedToDate = 0;
        for (Map.Entry<String, CostTotals> week : weeks.groups().entrySet()) {
            ObjectNode row = totals(week.getValue(), currency).put("key", week.getKey());
            if (!week.getKey().startsWith("(")) {
                savedToDate += amount(week.getValue().saved(), currency);
                row.put("savedToDate", millionths(savedToDate));
            }
            weekRows.add(row);
        }
        ArrayNode branchRows = cost.putArray("branches");
        branches.groups().forEach((branch, totals) -> branchRows.add(totals(totals, currency).put("key", branch)));
        return cost;
    }

    private static ObjectNode totals(CostTotals totals, String currency) {
        ObjectNode row = JSON.createObjectNode();
        row.put("runs", totals.runs()).put("trained", totals.trained()).put("skipped", totals.skipped())
                .put("restored", totals.restored()).put("unpriced", totals.unpriced())
                .put("hours", CostTotals.describeHours(totals.hours())).put("gpuHours", CostTotals.describeHours(totals.gpuHours()))
                .put("spentText", totals.spentText()).put("savedText", totals.savedText())
                .put("spent", amount(totals.spent(), currency)).put("saved", amount(totals.saved(), currency));
        return row;
    }

    /** The currency most money was spent or saved in: the one the charts draw. */
    private static String chartCurrency(CostTotals total) {
        Map<String, Double> all = new TreeMap<>(total.spent());
        total.saved().forEach((currency, amount) -> all.merge(currency, amount, Double::sum));
        String most = null;
        for (Map.Entry<String, Double> currency : all.entrySet()) {
            if (most == null || currency.getValue() > all.get(most)) {
                most = currency.getKey();
            }
        }
        return most;
    }

    private static double amount(Map<String, Double> amounts, String currency) {
        return currency == null ? 0 : millionths(amounts.getOrDefault(currency, 0.0));
    }

    /** Sums of many runs' costs, kept to the millionth each cost is recorded to. */
    private static double millionths(double amount) {
        return Math.round(amount * 1e6) / 1e6;
    }
}
