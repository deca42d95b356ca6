package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Answers the data endpoints (/data, /plants, /analytics/*) from the in-memory table of one snapshot. */
@Component("outageQueries")
public class OutageQueries {

    static final List<String> TOP_PLANT_METRICS = List.of("outage_hours", "energy_lost_mwh", "events");
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

    private final ServingSnapshots snapshots;

    public OutageQueries(ServingSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** GET /data: one page of events, filtered and sorted. */
    public DataPage data(Map<String, Object> headers) {
        DataQuery query = DataQuery.from(headers);
        ServingTable t = snapshots.current();
        int[] order = t.order(query.sort());
        long from = query.offset();
        long to = from + query.limit();
        List<Map<String, Object>> rows = new ArrayList<>(query.limit());
        long total;
        if (!query.filtersEvents()) {
            total = t.size;
            for (long i = from; i < Math.min(to, t.size); i++) {
                rows.add(event(t, order[(int) i]));
            }
        } else {
            boolean[] plants = plantFilter(t, query);
            int firstDay = query.startDate() == null ? Integer.MIN_VALUE : (int) query.startDate().toEpochDay();
            int lastDay = query.endDate() == null ? Integer.MAX_VALUE : (int) query.endDate().toEpochDay();
            int minHours = query.minDurationHours() == null ? Integer.MIN_VALUE : query.minDurationHours();
            Boolean ongoing = query.ongoing();
            long matched = 0;
            for (int e : order) {
                if (plants[t.plant[e]] && t.startDay[e] >= firstDay && t.startDay[e] <= lastDay
                        && t.durationHours[e] >= minHours && (ongoing == null || t.ongoing[e] == ongoing)) {
                    if (matched >= from && matched < to) {
                        rows.add(event(t, e));
                    }
                    matched++;
                }
            }
            total = matched;
        }
        return new DataPage(query.page(), query.limit(), total, t.snapshotId, rows);
    }

    /** GET /plants: generators of the model with their outage totals, filtered by name or facility. */
    public Map<String, Object> plants(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        int page = params.integer("page", 1, DataQuery.MAX_PAGE, 1);
        int limit = params.integer("limit", 1, DataQuery.MAX_LIMIT, 100);
        String name = params.text("name", 100);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        ServingTable t = snapshots.current();
        String needle = name == null ? null : name.toLowerCase(java.util.Locale.ROOT);
        List<Map<String, Object>> rows = new ArrayList<>();
        long matched = 0;
        long from = (long) (page - 1) * limit;
        for (int p = 0; p < t.plants.size(); p++) {
            ServingTable.PlantRow plant = t.plants.get(p);
            if ((needle == null || plant.nameLowerCase().contains(needle))
                    && (facility == null || facility.equals(plant.facilityId()))) {
                if (matched >= from && matched < from + limit) {
                    Map<String, Object> row = plant(plant);
                    row.put("first_period", text(plant.firstPeriod()));
                    row.put("last_period", text(plant.lastPeriod()));
                    row.put("events", t.plantEvents[p]);
                    row.put("outage_hours", t.plantHours[p]);
                    row.put("energy_lost_mwh", round(t.plantEnergy[p]));
                    rows.add(row);
                }
                matched++;
            }
        }
        return page(page, limit, matched, t.snapshotId, rows);
    }

    /** GET /analytics/top-plants: generators ranked by outage hours, energy lost or events in a date range. */
    public Map<String, Object> topPlants(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        String metric = params.choice("metric", TOP_PLANT_METRICS, "outage_hours");
        int limit = params.integer("limit", 1, 100, 10);
        DateRange range = DateRange.from(params);
        ServingTable t = snapshots.current();
        int plants = t.plants.size();
        long[] events = new long[plants];
        long[] hours = new long[plants];
        double[] energy = new double[plants];
        int first = range.firstDay();
        int last = range.lastDay();
        for (int e = 0; e < t.size; e++) {
            if (t.startDay[e] >= first && t.startDay[e] <= last) {
                int p = t.plant[e];
                events[p]++;
                hours[p] += t.durationHours[e];
                energy[p] += t.energyMwh[e];
            }
        }
        List<Integer> ranked = new ArrayList<>();
        for (int p = 0; p < plants; p++) {
            if (events[p] > 0) {
                ranked.add(p);
            }
        }
        ranked.sort((a, b) -> {
            int c = switch (metric) {
                case "events" -> Long.compare(events[b], events[a]);
                case "energy_lost_mwh" -> Double.compare(energy[b], energy[a]);
                default -> Long.compare(hours[b], hours[a]);
            };
            return c != 0 ? c : Integer.compare(t.plants.get(a).plantKey(), t.plants.get(b).plantKey());
        });
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            int p = ranked.get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", i + 1);
            row.putAll(plant(t.plants.get(p)));
            row.put("events", events[p]);
            row.put("outage_hours", hours[p]);
            row.put("energy_lost_mwh", round(energy[p]));
            rows.add(row);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("metric", metric);
        body.put("start_date", text(range.start()));
        body.put("end_date", text(range.end()));
        body.put("snapshot", t.snapshotId);
        body.put("data", rows);
        return body;
    }

    /**
     * GET /analytics/monthly: events, outage hours and energy lost per month of the events' start, every month of
     * the range included (a month without outages is a row of zeros, not a gap in a chart).
     */
    public Map<String, Object> monthly(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        DateRange range = DateRange.from(params);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        ServingTable t = snapshots.current();
        Map<YearMonth, double[]> months = new java.util.TreeMap<>();
        int first = range.firstDay();
        int last = range.lastDay();
        int seenFirst = Integer.MAX_VALUE;
        int seenLast = Integer.MIN_VALUE;
        for (int e = 0; e < t.size; e++) {
            int day = t.startDay[e];
            if (day >= first && day <= last
                    && (facility == null || facility.equals(t.plants.get(t.plant[e]).facilityId()))) {
                double[] sums = months.computeIfAbsent(YearMonth.from(LocalDate.ofEpochDay(day)), m -> new double[3]);
                sums[0]++;
                sums[1] += t.durationHours[e];
                sums[2] += t.energyMwh[e];
                seenFirst = Math.min(seenFirst, day);
                seenLast = Math.max(seenLast, day);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        if (seenFirst <= seenLast || (range.start() != null && range.end() != null)) {
            YearMonth from = YearMonth.from(range.start() != null ? range.start() : LocalDate.ofEpochDay(seenFirst));
            YearMonth to = YearMonth.from(range.end() != null ? range.end() : LocalDate.ofEpochDay(seenLast));
            for (YearMonth m = from; !m.isAfter(to) && rows.size() < 12 * 200; m = m.plusMonths(1)) {
                double[] sums = months.getOrDefault(m, new double[3]);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("month", m.toString());
                row.put("year", m.getYear());
                row.put("month_of_year", m.getMonthValue());
                row.put("events", (long) sums[0]);
                row.put("outage_hours", (long) sums[1]);
                row.put("energy_lost_mwh", round(sums[2]));
                rows.add(row);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("start_date", text(range.start()));
        body.put("end_date", text(range.end()));
        body.put("facility_id", facility);
        body.put("snapshot", t.snapshotId);
        body.put("data", rows);
        return body;
    }

    private static boolean[] plantFilter(ServingTable t, DataQuery q) {
        boolean[] allowed = new boolean[t.plants.size()];
        for (int p = 0; p < allowed.length; p++) {
            ServingTable.PlantRow plant = t.plants.get(p);
            allowed[p] = (q.facilityId() == null || q.facilityId().equals(plant.facilityId()))
                    && (q.generator() == null || q.generator().equals(plant.generatorId()))
                    && (q.plantKey() == null || q.plantKey() == plant.plantKey())
                    && (q.plantName() == null || plant.nameLowerCase().contains(q.plantName()));
        }
        return allowed;
    }

    /** One /data row: the event, its plant and its start date's attributes. */
    private static Map<String, Object> event(ServingTable t, int e) {
        ServingTable.PlantRow plant = t.plants.get(t.plant[e]);
        ServingTable.DateRow date = t.date(t.startDay[e]);
        LocalDate start = LocalDate.ofEpochDay(t.startDay[e]);
        Map<String, Object> row = new LinkedHashMap<>(32);
        row.put("outage_id", t.outageId[e]);
        row.put("outage_key", t.outageKey[e]);
        row.put("plant_key", plant.plantKey());
        row.put("facility_id", plant.facilityId());
        row.put("plant_name", plant.plantName());
        row.put("generator_id", plant.generatorId());
        row.put("unit_name", plant.unitName());
        row.put("start_date", start.toString());
        row.put("year", date == null ? null : date.year());
        row.put("quarter", date == null ? null : date.quarter());
        row.put("month", date == null ? null : date.month());
        row.put("month_name", date == null ? null : date.monthName());
        row.put("day_name", date == null ? null : date.dayName());
        row.put("start_ts", TIMESTAMP.format(start.atStartOfDay()));
        row.put("end_ts", TIMESTAMP.format(LocalDate.ofEpochDay(t.endDay[e]).atStartOfDay()));
        row.put("duration_hours", t.durationHours[e]);
        row.put("duration_days", t.durationDays[e]);
        row.put("peak_outage_mw", t.peakMw[e]);
        row.put("avg_outage_mw", t.avgMw[e]);
        row.put("energy_lost_mwh", t.energyMwh[e]);
        row.put("avg_percent_outage", t.avgPercent[e]);
        row.put("capacity_mw", t.capacityMw[e]);
        row.put("is_ongoing", t.ongoing[e]);
        return row;
    }

    private static Map<String, Object> plant(ServingTable.PlantRow plant) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("plant_key", plant.plantKey());
        row.put("facility_id", plant.facilityId());
        row.put("plant_name", plant.plantName());
        row.put("generator_id", plant.generatorId());
        row.put("unit_name", plant.unitName());
        row.put("capacity_mw", plant.capacityMw());
        return row;
    }

    private static Map<String, Object> page(int page, int limit, long total, String snapshot, List<Map<String, Object>> rows) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("limit", limit);
        body.put("total", total);
        body.put("snapshot", snapshot);
        body.put("data", rows);
        return body;
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
