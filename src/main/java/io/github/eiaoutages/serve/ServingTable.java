package io.github.eiaoutages.serve;

import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.model.Snapshot;
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

/**
 * One model snapshot's outage events, plants and dates, read from its Parquet into memory column by column: the
 * loading half of the serving engine ({@link ServingIndex} is the indexing half). The API answers from here instead of
 * scanning Parquet per request, so a query over 500,000 events is a pass over a few int arrays, and a request that
 * started on this snapshot finishes on it even if a rebuild prunes its folder. Immutable once loaded.
 *
 * <p>A {@code /data} column is one array here, filled by {@link #load} from {@code sql/serve/outage_events.sql}, and
 * written by {@link DataPage}.
 */
final class ServingTable {

    final String snapshotId;
    final int size;
    // Events, in the default order (start day, outage_id); days are epoch days.
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
    // Plants, in the order of GET /plants (name, facility, generator); plant[e] is an index into this list.
    final List<PlantRow> plants;
    // Date attributes by day - firstDay.
    private final int firstDay;
    private final DateRow[] dates;

    /** One dim_plant row; {@code nameLowerCase} is its name lower-cased once, for the name filters. */
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
    }

    /**
     * Reads the snapshot's fact_outage, dim_plant and dim_date Parquet files with DuckDB.
     *
     * @throws SQLException when a file cannot be read (truncated, missing) or an event names a plant_key that
     *     dim_plant does not hold
     */
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
                    i++;
                }
            }
            return table;
        }
    }

    /** dim_date's attributes of an epoch day, or null when the day is outside dim_date (an ongoing event's end). */
    DateRow date(int day) {
        int i = day - firstDay;
        return i >= 0 && i < dates.length ? dates[i] : null;
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
