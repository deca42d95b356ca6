package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Answers the data endpoints (/data, /plants, /analytics/*) from the in-memory table and indexes of one snapshot. */
@Component("outageQueries")
public class OutageQueries {

    static final List<String> TOP_PLANT_METRICS = List.of("outage_hours", "energy_lost_mwh", "events");

    private final ServingSnapshots snapshots;

    public OutageQueries(ServingSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /** GET /data: one page of events, filtered and sorted. */
    public DataPage data(Map<String, Object> headers) {
        DataQuery query = DataQuery.from(headers);
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        long from = query.offset();
        int limit = query.limit();
        if (!query.filtersEvents()) {
            int[] order = ix.order(query.sort());
            int first = (int) Math.min(from, t.size);
            return new DataPage(query.page(), limit, t.size, t, Arrays.copyOfRange(order, first, (int)
                    Math.min(from + limit, t.size)));
        }
        EventFilter.Selection selection = EventFilter.select(ix, query, (int) Math.min(Integer.MAX_VALUE, from), limit);
        return new DataPage(query.page(), limit, selection.total(), t, selection.page());
    }

    /** GET /plants: generators of the model with their outage totals, filtered by name or facility. */
    public Map<String, Object> plants(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        int page = params.integer("page", 1, DataQuery.MAX_PAGE, 1);
        int limit = params.integer("limit", 1, DataQuery.MAX_LIMIT, 100);
        String name = params.text("name", 100);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        PlantFilter filter = new PlantFilter(facility, null, null, name);
        List<Map<String, Object>> rows = new ArrayList<>();
        long matched = 0;
        long from = (long) (page - 1) * limit;
        for (int p = 0; p < t.plants.size(); p++) {
            ServingTable.PlantRow plant = t.plants.get(p);
            if (filter.test(plant)) {
                if (matched >= from && matched < from + limit) {
                    Map<String, Object> row = plant(plant);
                    row.put("first_period", text(plant.firstPeriod()));
                    row.put("last_period", text(plant.lastPeriod()));
                    row.put("events", ix.plantEvents[p]);
                    row.put("outage_hours", ix.plantHours[p]);
                    row.put("energy_lost_mwh", round(ix.plantEnergy[p]));
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
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        int plants = t.plants.size();
        long[] events = new long[plants];
        long[] hours = new long[plants];
        double[] energy = new double[plants];
        // Events are held by start day: the range is one contiguous slice.
        int to = range.end() == null ? t.size : ix.firstStartingOnOrAfter(range.lastDay() + 1);
        for (int e = range.start() == null ? 0 : ix.firstStartingOnOrAfter(range.firstDay()); e < to; e++) {
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
            return c != 0
                    ? c
                    : Integer.compare(
                            t.plants.get(a).plantKey(), t.plants.get(b).plantKey());
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
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        int fromEvent = range.start() == null ? 0 : ix.firstStartingOnOrAfter(range.firstDay());
        int toEvent = range.end() == null ? t.size : ix.firstStartingOnOrAfter(range.lastDay() + 1);
        List<Map<String, Object>> rows = new ArrayList<>();
        if (fromEvent < toEvent || (range.start() != null && range.end() != null)) {
            // Months numbered as the index numbers them, so the sums are array slots.
            int firstMonth = range.start() != null ? ServingIndex.month(range.start()) : ix.startMonth[fromEvent];
            int lastMonth = range.end() != null ? ServingIndex.month(range.end()) : ix.startMonth[toEvent - 1];
            int months = Math.max(0, Math.min(lastMonth - firstMonth + 1, 12 * 200));
            long[] events = new long[months];
            long[] hours = new long[months];
            double[] energy = new double[months];
            boolean[] plants = facility == null ? null : new PlantFilter(facility, null, null, null).over(t.plants);
            for (int m = 0; m < months; m++) {
                int month = firstMonth + m;
                int monthFrom = ix.firstOfMonth(month);
                int monthTo = ix.firstOfMonth(month + 1);
                int lo = Math.max(fromEvent, monthFrom);
                int hi = Math.min(toEvent, monthTo);
                int slot = ix.monthSlot(month);
                if (plants == null && lo == monthFrom && hi == monthTo && slot >= 0) {
                    events[m] = monthTo - monthFrom;
                    hours[m] = ix.monthHours[slot];
                    energy[m] = ix.monthEnergy[slot];
                    continue;
                }
                // A month cut by the range, or one facility's events: add up the events themselves.
                for (int e = lo; e < hi; e++) {
                    if (plants == null || plants[t.plant[e]]) {
                        events[m]++;
                        hours[m] += t.durationHours[e];
                        energy[m] += t.energyMwh[e];
                    }
                }
            }
            for (int m = 0; m < months; m++) {
                YearMonth month = ServingIndex.yearMonth(firstMonth + m);
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

    private static Map<String, Object> page(
            int page, int limit, long total, String snapshot, List<Map<String, Object>> rows) {
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
