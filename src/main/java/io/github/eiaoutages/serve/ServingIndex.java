package io.github.eiaoutages.serve;

import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntComparator;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The indexes the API answers through, built over one loaded {@link ServingTable}: the indexing half of the serving
 * engine. Events by plant, the ongoing events, each event's month of start, totals per plant and per month, and the
 * sort orders of {@code GET /data} (computed on first use and kept). Immutable once built; what a request holds, with
 * its table, from start to end.
 */
final class ServingIndex {

    final ServingTable table;
    // Events of each plant (default order), events still ongoing, month of each event's start.
    final int[][] eventsByPlant;
    final int[] ongoingEvents;
    final int[] startMonth;
    // Totals of each plant (by index into table.plants) over all its events: GET /plants.
    final int[] plantEvents;
    final long[] plantHours;
    final double[] plantEnergy;
    // Totals per month of start (months numbered by month(), from the first event's): a monthly chart over years
    // adds up a few dozen of these instead of every event. monthStart has one more slot, the end.
    private final int firstMonth;
    private final int[] monthStart;
    final long[] monthHours;
    final double[] monthEnergy;
    private final Map<EventSort, int[]> orders = new ConcurrentHashMap<>();
    private final Map<EventSort, int[]> ranks = new ConcurrentHashMap<>();

    /** Indexes {@code table} in a few passes over its events (tens of milliseconds for 500,000). */
    ServingIndex(ServingTable table) {
        this.table = table;
        int size = table.size;
        int plants = table.plants.size();
        plantEvents = new int[plants];
        plantHours = new long[plants];
        plantEnergy = new double[plants];
        startMonth = new int[size];
        // Added in event order, as the load added them: the same sums to the last bit.
        for (int e = 0; e < size; e++) {
            int p = table.plant[e];
            plantEvents[p]++;
            plantHours[p] += table.durationHours[e];
            plantEnergy[p] += table.energyMwh[e];
            startMonth[e] = month(LocalDate.ofEpochDay(table.startDay[e]));
        }
        eventsByPlant = new int[plants][];
        int[] filled = new int[plants];
        for (int p = 0; p < plants; p++) {
            eventsByPlant[p] = new int[plantEvents[p]];
        }
        int ongoingCount = 0;
        for (int e = 0; e < size; e++) {
            eventsByPlant[table.plant[e]][filled[table.plant[e]]++] = e;
            if (table.ongoing[e]) {
                ongoingCount++;
            }
        }
        ongoingEvents = new int[ongoingCount];
        for (int e = 0, o = 0; e < size; e++) {
            if (table.ongoing[e]) {
                ongoingEvents[o++] = e;
            }
        }
        int months = size == 0 ? 0 : startMonth[size - 1] - startMonth[0] + 1;
        firstMonth = size == 0 ? 0 : startMonth[0];
        monthStart = new int[months + 1];
        monthHours = new long[months];
        monthEnergy = new double[months];
        for (int m = 0, e = 0; m < months; m++) {
            monthStart[m] = e;
            // Added in event order, as a pass over the events would: the same sums to the last bit.
            for (; e < size && startMonth[e] == firstMonth + m; e++) {
                monthHours[m] += table.durationHours[e];
                monthEnergy[m] += table.energyMwh[e];
            }
        }
        monthStart[months] = size;
    }

    /**
     * The number of the month {@code day} is in, as the monthly totals and {@link #startMonth} count months:
     * {@code year * 12 + month - 1}, so consecutive months are consecutive numbers (2025-01 is 24300, 2024-12 is
     * 24299).
     */
    static int month(LocalDate day) {
        return day.getYear() * 12 + day.getMonthValue() - 1;
    }

    /** The month numbered {@code month} by {@link #month(LocalDate)}. */
    static YearMonth yearMonth(int month) {
        return YearMonth.of(month / 12, month % 12 + 1);
    }

    /** The first event starting in {@code month} (see {@link #month(LocalDate)}) or later; the table's size if none. */
    int firstOfMonth(int month) {
        int m = month - firstMonth;
        if (m <= 0) {
            return 0;
        }
        return m >= monthStart.length ? table.size : monthStart[m];
    }

    /** Slot of {@code month} in the monthly totals, or -1 when no event starts in it. */
    int monthSlot(int month) {
        int m = month - firstMonth;
        return m >= 0 && m < monthHours.length ? m : -1;
    }

    /** The first event (in default order, which is by start day) starting on or after {@code day}. */
    int firstStartingOnOrAfter(int day) {
        int lo = 0;
        int hi = table.size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (table.startDay[mid] < day) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Position of each event in the order of {@code sort}: sorting matches by rank sorts them by the field. */
    int[] rank(EventSort sort) {
        return ranks.computeIfAbsent(sort, s -> {
            int[] order = order(s);
            int[] rank = new int[table.size];
            for (int i = 0; i < table.size; i++) {
                rank[order[i]] = i;
            }
            return rank;
        });
    }

    /** Event indexes in the order of {@code sort}; ties always broken by outage_id, so paging is stable. */
    int[] order(EventSort sort) {
        return orders.computeIfAbsent(sort, this::computeOrder);
    }

    private int[] computeOrder(EventSort sort) {
        ServingTable t = table;
        int[] order = new int[t.size];
        for (int i = 0; i < t.size; i++) {
            order[i] = i;
        }
        if (sort == EventSort.DEFAULT) {
            return order;
        }
        IntComparator byId = (a, b) -> t.outageId[a].compareTo(t.outageId[b]);
        IntComparator byKey = switch (sort.field()) {
            case "start_date" -> (a, b) -> Integer.compare(t.startDay[a], t.startDay[b]);
            case "duration_hours" -> (a, b) -> Integer.compare(t.durationHours[a], t.durationHours[b]);
            case "energy_lost_mwh" -> (a, b) -> Double.compare(t.energyMwh[a], t.energyMwh[b]);
            case "peak_outage_mw" -> (a, b) -> Double.compare(t.peakMw[a], t.peakMw[b]);
            case "plant_name" ->
                (a, b) -> t.plants
                        .get(t.plant[a])
                        .plantName()
                        .compareToIgnoreCase(t.plants.get(t.plant[b]).plantName());
            case "outage_id" -> byId;
            default -> throw new IllegalArgumentException(sort.field());
        };
        IntComparator directed = sort.descending() ? (a, b) -> byKey.compare(b, a) : byKey;
        IntArrays.parallelQuickSort(order, (a, b) -> {
            int c = directed.compare(a, b);
            return c != 0 ? c : byId.compare(a, b);
        });
        return order;
    }
}
