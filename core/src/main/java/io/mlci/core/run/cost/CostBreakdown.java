package io.mlci.core.run.cost;

import io.mlci.core.run.record.RunRecord;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs' costs grouped by branch, ISO week or instance type ({@code mlci cost}, the dashboard).
 *
 * @param by     how the runs are grouped
 * @param groups group key -> its totals, in key order
 * @param total  all runs together
 */
public record CostBreakdown(By by, Map<String, CostTotals> groups, CostTotals total) {

    /** How runs are grouped. */
    public enum By {
        BRANCH, WEEK, INSTANCE;

        public String label() {
            return name().toLowerCase();
        }
    }

    /** @param fallback prices runs that recorded no cost; null = leave them unpriced */
    public static CostBreakdown of(List<RunRecord> runs, By by, Prices fallback) {
        Map<String, List<RunRecord>> grouped = new TreeMap<>();
        for (RunRecord run : runs) {
            grouped.computeIfAbsent(key(run, by), k -> new ArrayList<>()).add(run);
        }
        Map<String, CostTotals> groups = new LinkedHashMap<>();
        grouped.forEach((key, members) -> groups.put(key, CostTotals.of(members, fallback)));
        return new CostBreakdown(by, groups, CostTotals.of(runs, fallback));
    }

    static String key(RunRecord run, By by) {
        return switch (by) {
            case BRANCH -> run.source().branch() == null ? "(none)" : run.source().branch();
            case WEEK -> week(run.startedAt());
            case INSTANCE -> {
                String type = Trainings.of(run).instanceType();
                yield type == null ? "(unknown)" : type;
            }
        };
    }

    /** The ISO week a run started in, e.g. {@code 2026-W48}, as its Monday's week-based year. */
    public static String week(String startedAt) {
        if (startedAt == null) {
            return "(unknown)";
        }
        try {
            LocalDate day = Instant.parse(startedAt).atZone(ZoneOffset.UTC).toLocalDate().with(DayOfWeek.MONDAY);
            return String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        } catch (DateTimeParseException e) {
            return "(unknown)";
        }
    }
}
