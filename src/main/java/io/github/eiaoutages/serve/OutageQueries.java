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
        long from = query.offset();
        int limit = query.limit();
        List<Map<String, Object>> rows = new ArrayList<>(limit);
        if (!query.filtersEvents()) {
            int[] order = t.order(query.sort());
            for (long i = from; i < Math.min(from + limit, t.size); i++) {
                rows.add(event(t, order[(int) i]));
            }
            return new DataPage(query.page(), limit, t.size, t.snapshotId, rows);
        }
        EventFilter.Selection selection = EventFilter.select(t, query, (int) Math.min(Integer.MAX_VALUE, from), limit);
        for (int e : selection.page()) {
            rows.add(event(t, e));
        }
        return new DataPage(query.page(), limit, selection.total(), t.snapshotId, rows);
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
        // Events are held by start day: the range is one contiguous slice.
        int to = range.end() == null ? t.size : t.firstStartingOnOrAfter(range.lastDay() + 1);
        for (int e = range.start() == null ? 0 : t.firstStartingOnOrAfter(range.firstDay()); e < to; e++) {
            int p = t.plant[e];
            events[p]++;
            hours[p] += t.durationHours[e];
            energy[p] += t.energyMwh[e];
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
        int fromEvent = range.start() == null ? 0 : t.firstStartingOnOrAfter(range.firstDay());
        int toEvent = range.end() == null ? t.size : t.firstStartingOnOrAfter(range.lastDay() + 1);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (fromEvent < toEvent || (range.start() != null && range.end() != null)) {
            // Months as year * 12 + month - 1, so the sums are array slots.
            int firstMonth = range.start() != null ? range.start().getYear() * 12 + range.start().getMonthValue() - 1
                    : t.startMonth[fromEvent];
            int lastMonth = range.end() != null ? range.end().getYear() * 12 + range.end().getMonthValue() - 1
                    : t.startMonth[toEvent - 1];
            int months = Math.max(0, Math.min(lastMonth - firstMonth + 1, 12 * 200));
            long[] events = new long[months];
            long[] hours = new long[months];
            double[] energy = new double[months];
            for (int e = fromEvent; e < toEvent; e++) {
                int m = t.startMonth[e] - firstMonth;
                if (m >= 0 && m < months && (facility == null || facility.equals(t.plants.get(t.plant[e]).facilityId()))) {
                    events[m]++;
                    hours[m] += t.durationHours[e];
                    energy[m] += t.energyMwh[e];
                }
            }
            for (int m = 0; m < months; m++) {
                YearMonth month = YearMonth.of((firstMonth + m) / 12, (firstMonth + m) % 12 + 1);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("month", month.toString());
                row.put("year", month.getYear());
                row.put("month_of_year", month.getMonthValue());
                row.put("events", events[m]);
                row.put("outage_hours", hours[m]);
                row.put("energy_lost_mwh", round(energy[m]));
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

    /** One /data row: the event, its plant and its start date's attributes. */
    private static Map<String, Object> event(ServingTable t, int e) {
        ServingTable.PlantRow plant = t.plants.get(t.plant[e]);
        ServingTable.DateRow date = t.date(t.startDay[e]);
        ServingTable.DateRow end = t.date(t.endDay[e]);
        Map<String, Object> row = new LinkedHashMap<>(32);
        row.put("outage_id", t.outageId[e]);
        row.put("outage_key", t.outageKey[e]);
        row.put("plant_key", plant.plantKey());
        row.put("facility_id", plant.facilityId());
        row.put("plant_name", plant.plantName());
        row.put("generator_id", plant.generatorId());
        row.put("unit_name", plant.unitName());
        row.put("start_date", date == null ? LocalDate.ofEpochDay(t.startDay[e]).toString() : date.iso());
        row.put("year", date == null ? null : date.year());
        row.put("quarter", date == null ? null : date.quarter());
        row.put("month", date == null ? null : date.month());
        row.put("month_name", date == null ? null : date.monthName());
        row.put("day_name", date == null ? null : date.dayName());
        row.put("start_ts", date == null ? TIMESTAMP.format(LocalDate.ofEpochDay(t.startDay[e]).atStartOfDay()) : date.isoMidnight());
        // The exclusive end of an ongoing event is the day after the newest day, beyond dim_date.
        row.put("end_ts", end == null ? TIMESTAMP.format(LocalDate.ofEpochDay(t.endDay[e]).atStartOfDay()) : end.isoMidnight());
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
