package io.github.eiaoutages.serve;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.Snapshot;
import it.unimi.dsi.fastutil.ints.IntArrays;
import it.unimi.dsi.fastutil.ints.IntComparator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model snapshot held in memory, column by column: every outage event with its plant and start date. The
 * API answers from here instead of scanning Parquet per request, so a query over 500,000 events is a pass over
 * a few int arrays, and a request that started on this snapshot finishes on it even if a rebuild prunes its
 * folder. Immutable once loaded; sort orders are computed on first use and kept.
 */
final class ServingTable {

    final String snapshotId;
    final int size;
    // Events, in the default order (start day, outage_id).
    final String[] outageId;
    final long[] outageKey;
    final int[] plant;
    final int[] startDay;
    final int[] endDay;
    final int[] durationHours;
    final int[] durationDays;
    final double[] peakMw;
    final double[] avgMw;
    final double[] energyMwh;
    final double[] avgPercent;
    final Double[] capacityMw;
    final boolean[] ongoing;
    // Plants, in the order of GET /plants (name, facility, generator).
    final List<PlantRow> plants;
    final int[] plantEvents;
    final long[] plantHours;
    final double[] plantEnergy;
    // Date attributes by day - firstDay.
    private final int firstDay;
    private final DateRow[] dates;
    private final Map<EventSort, int[]> orders = new ConcurrentHashMap<>();
    private final Map<EventSort, int[]> ranks = new ConcurrentHashMap<>();
    // Indexes: events of each plant (default order), events still ongoing, month of each event's start.
    int[][] eventsByPlant;
    int[] ongoingEvents;
    final int[] startMonth;
    // Totals per month of start (months as year * 12 + month - 1, from the first event's): a monthly chart over
    // years adds up a few dozen of these instead of every event. monthStart has one more slot, the end.
    private int firstMonth;
    private int[] monthStart;
    long[] monthHours;
    double[] monthEnergy;

    record PlantRow(
            int plantKey,
            String facilityId,
            String plantName,
            String generatorId,
            String unitName,
            Double capacityMw,
            LocalDate firstPeriod,
            LocalDate lastPeriod,
            String nameLowerCase) {}

    /** dim_date's attributes of one day, with its ISO texts ready for JSON. */
    record DateRow(
            int year, int quarter, int month, String monthName, String dayName, String iso, String isoMidnight) {}

    private ServingTable(String snapshotId, int size, List<PlantRow> plants, int firstDay, DateRow[] dates) {
        this.snapshotId = snapshotId;
        this.size = size;
        this.plants = plants;
        this.firstDay = firstDay;
        this.dates = dates;
        outageId = new String[size];
        outageKey = new long[size];
        plant = new int[size];
        startDay = new int[size];
        endDay = new int[size];
        durationHours = new int[size];
        durationDays = new int[size];
        peakMw = new double[size];
        avgMw = new double[size];
        energyMwh = new double[size];
        avgPercent = new double[size];
        capacityMw = new Double[size];
        ongoing = new boolean[size];
        startMonth = new int[size];
        plantEvents = new int[plants.size()];
        plantHours = new long[plants.size()];
        plantEnergy = new double[plants.size()];
    }

    static ServingTable load(DuckDb duckDb, Snapshot snapshot) throws SQLException {
        try (Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            List<PlantRow> plants = new ArrayList<>();
            Map<Integer, Integer> plantIndex = new HashMap<>();
            try (ResultSet rs = s.executeQuery(sql(duckDb, "serve/plants.sql", snapshot))) {
                while (rs.next()) {
                    plantIndex.put(rs.getInt(1), plants.size());
                    String name = rs.getString(3);
                    plants.add(new PlantRow(
                            rs.getInt(1),
                            rs.getString(2),
                            name,
                            rs.getString(4),
                            rs.getString(5),
                            decimal(rs.getObject(6)),
                            date(rs.getObject(7)),
                            date(rs.getObject(8)),
                            name == null ? "" : name.toLowerCase(Locale.ROOT)));
                }
            }
            List<int[]> dayKeys = new ArrayList<>();
            List<DateRow> dateRows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(sql(duckDb, "serve/dates.sql", snapshot))) {
                while (rs.next()) {
                    dayKeys.add(new int[] {rs.getInt(1)});
                    String iso = LocalDate.ofEpochDay(rs.getInt(1)).toString();
                    dateRows.add(new DateRow(
                            rs.getInt(2),
                            rs.getInt(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getString(6),
                            iso,
                            iso + "T00:00:00"));
                }
            }
            int firstDay = dayKeys.isEmpty() ? 0 : dayKeys.get(0)[0];
            DateRow[] dates = new DateRow[dayKeys.isEmpty() ? 0 : dayKeys.get(dayKeys.size() - 1)[0] - firstDay + 1];
            for (int i = 0; i < dayKeys.size(); i++) {
                dates[dayKeys.get(i)[0] - firstDay] = dateRows.get(i);
            }
            int size;
            try (ResultSet rs = s.executeQuery(sql(duckDb, "serve/event_count.sql", snapshot))) {
                rs.next();
                size = rs.getInt(1);
            }
            ServingTable table = new ServingTable(snapshot.id(), size, List.copyOf(plants), firstDay, dates);
            try (ResultSet rs = s.executeQuery(sql(duckDb, "serve/outage_events.sql", snapshot))) {
                int i = 0;
                while (rs.next() && i < size) {
                    table.outageId[i] = rs.getString(1);
                    table.outageKey[i] = rs.getLong(2);
                    Integer p = plantIndex.get(rs.getInt(3));
                    if (p == null) {
                        throw new SQLException(
                                "event " + table.outageId[i] + " has a plant_key that is not in dim_plant");
                    }
                    table.plant[i] = p;
                    table.startDay[i] = rs.getInt(4);
                    table.endDay[i] = rs.getInt(5);
                    table.durationHours[i] = rs.getInt(6);
                    table.durationDays[i] = rs.getInt(7);
                    table.peakMw[i] = rs.getDouble(8);
                    table.avgMw[i] = rs.getDouble(9);
                    table.energyMwh[i] = rs.getDouble(10);
                    table.avgPercent[i] = rs.getDouble(11);
                    table.capacityMw[i] = decimal(rs.getObject(12));
                    table.ongoing[i] = rs.getBoolean(13);
                    table.plantEvents[p]++;
                    table.plantHours[p] += table.durationHours[i];
                    table.plantEnergy[p] += table.energyMwh[i];
                    LocalDate start = LocalDate.ofEpochDay(table.startDay[i]);
                    table.startMonth[i] = start.getYear() * 12 + start.getMonthValue() - 1;
                    i++;
                }
            }
            table.index();
            return table;
        }
    }

    private void index() {
        eventsByPlant = new int[plants.size()][];
        int[] filled = new int[plants.size()];
        for (int p = 0; p < plants.size(); p++) {
            eventsByPlant[p] = new int[plantEvents[p]];
        }
        int ongoingCount = 0;
        for (int e = 0; e < size; e++) {
            eventsByPlant[plant[e]][filled[plant[e]]++] = e;
            if (ongoing[e]) {
                ongoingCount++;
            }
        }
        ongoingEvents = new int[ongoingCount];
        for (int e = 0, o = 0; e < size; e++) {
            if (ongoing[e]) {
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
                monthHours[m] += durationHours[e];
                monthEnergy[m] += energyMwh[e];
            }
        }
        monthStart[months] = size;
    }

    /** The first event starting in {@code month} (year * 12 + month - 1) or later; {@code size} if none. */
    int firstOfMonth(int month) {
        int m = month - firstMonth;
        if (m <= 0) {
            return 0;
        }
        return m >= monthStart.length ? size : monthStart[m];
    }

    /** Slot of {@code month} in the monthly totals, or -1 when no event starts in it. */
    int monthSlot(int month) {
        int m = month - firstMonth;
        return m >= 0 && m < monthHours.length ? m : -1;
    }

    /** The first event (in default order, which is by start day) starting on or after {@code day}. */
    int firstStartingOnOrAfter(int day) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (startDay[mid] < day) {
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
            int[] rank = new int[size];
            for (int i = 0; i < size; i++) {
                rank[order[i]] = i;
            }
            return rank;
        });
    }

    DateRow date(int day) {
        int i = day - firstDay;
        return i >= 0 && i < dates.length ? dates[i] : null;
    }

    /** Event indexes in the order of {@code sort}; ties always broken by outage_id, so paging is stable. */
    int[] order(EventSort sort) {
        return orders.computeIfAbsent(sort, this::computeOrder);
    }

    private int[] computeOrder(EventSort sort) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (sort == EventSort.DEFAULT) {
            return order;
        }
        IntComparator byId = (a, b) -> outageId[a].compareTo(outageId[b]);
        IntComparator byKey = switch (sort.field()) {
            case "start_date" -> (a, b) -> Integer.compare(startDay[a], startDay[b]);
            case "duration_hours" -> (a, b) -> Integer.compare(durationHours[a], durationHours[b]);
            case "energy_lost_mwh" -> (a, b) -> Double.compare(energyMwh[a], energyMwh[b]);
            case "peak_outage_mw" -> (a, b) -> Double.compare(peakMw[a], peakMw[b]);
            case "plant_name" ->
                (a, b) -> plants.get(plant[a])
                        .plantName()
                        .compareToIgnoreCase(plants.get(plant[b]).plantName());
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

    private static String sql(DuckDb duckDb, String name, Snapshot snapshot) {
        return duckDb.sql(name)
                .replace("{{fact_outage}}", DuckDb.literal(snapshot.table("fact_outage")))
                .replace("{{dim_plant}}", DuckDb.literal(snapshot.table("dim_plant")))
                .replace("{{dim_date}}", DuckDb.literal(snapshot.table("dim_date")));
    }

    private static Double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }

    private static LocalDate date(Object value) {
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return value instanceof LocalDate d ? d : null;
    }
}
