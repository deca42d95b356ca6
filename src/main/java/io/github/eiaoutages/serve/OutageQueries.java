package io.github.eiaoutages.serve;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Answers the data endpoints (/data, /plants, /analytics/*) from the in-memory table and indexes of one snapshot.
 * Each answer is a record below (snake_case JSON, null members written as null), which is also what the REST DSL's
 * {@code outType} names, so the OpenAPI document describes the answer itself.
 */
@Component("outageQueries")
public class OutageQueries {

    /**
     * {@code GET /plants}: one page of generators, {@code total} counting every match, read from {@code snapshot}.
     *
     * @param page 1-based page number
     * @param limit generators per page
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlantsPage(int page, int limit, long total, String snapshot, List<PlantTotals> data) {}

    /**
     * A generator (one {@code dim_plant} row) with the outages of the whole snapshot: events, their hours and the
     * energy they cost in MWh (rounded to 3 decimals); first and last period are the days it has rows for,
     * {@code YYYY-MM-DD}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record PlantTotals(
            int plantKey,
            String facilityId,
            String plantName,
            String generatorId,
            String unitName,
            Double capacityMw,
            String firstPeriod,
            String lastPeriod,
            long events,
            long outageHours,
            double energyLostMwh) {}

    /**
     * {@code GET /analytics/top-plants}: generators ranked by {@code metric} over the events that started from
     * {@code start_date} to {@code end_date} ({@code YYYY-MM-DD}, both inclusive; null when not limited).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TopPlants(String metric, String startDate, String endDate, String snapshot, List<RankedPlant> data) {}

    /** One generator of the ranking: its rank (1 first) and its events, hours and MWh (3 decimals) in the range. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RankedPlant(
            int rank,
            int plantKey,
            String facilityId,
            String plantName,
            String generatorId,
            String unitName,
            Double capacityMw,
            long events,
            long outageHours,
            double energyLostMwh) {}

    /**
     * {@code GET /analytics/monthly}: one row per month of the range, months without events included as zeros;
     * dates {@code YYYY-MM-DD} or null when not limited, {@code facility_id} null for every generator.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonthlyTotals(
            String startDate, String endDate, String facilityId, String snapshot, List<MonthTotals> data) {}

    /** The events that started in one month ({@code YYYY-MM}), their hours and MWh (3 decimals). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MonthTotals(
            String month, int year, int monthOfYear, long events, long outageHours, double energyLostMwh) {}

    static final List<String> TOP_PLANT_METRICS = List.of("outage_hours", "energy_lost_mwh", "events");

    private final ServingSnapshots snapshots;

    public OutageQueries(ServingSnapshots snapshots) {
        this.snapshots = snapshots;
    }

    /**
     * GET /data: one page of events, filtered and sorted, written from the columns ({@link DataPage}).
     *
     * @throws BadParameterException for a parameter out of range or a sort that is not one of the columns offered
     */
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

    /**
     * GET /plants: generators of the model with their outage totals, filtered by name or facility.
     *
     * @throws BadParameterException for a page, limit, name or facility out of range
     */
    public PlantsPage plants(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        int page = params.integer("page", 1, DataQuery.MAX_PAGE, 1);
        int limit = params.integer("limit", 1, DataQuery.MAX_LIMIT, 100);
        String name = params.text("name", 100);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        PlantFilter filter = new PlantFilter(facility, null, null, name);
        List<PlantTotals> rows = new ArrayList<>();
        long matched = 0;
        long from = (long) (page - 1) * limit;
        for (int p = 0; p < t.plants.size(); p++) {
            ServingTable.PlantRow plant = t.plants.get(p);
            if (filter.test(plant)) {
                if (matched >= from && matched < from + limit) {
                    rows.add(new PlantTotals(
                            plant.plantKey(),
                            plant.facilityId(),
                            plant.plantName(),
                            plant.generatorId(),
                            plant.unitName(),
                            plant.capacityMw(),
                            text(plant.firstPeriod()),
                            text(plant.lastPeriod()),
                            ix.plantEvents[p],
                            ix.plantHours[p],
                            round(ix.plantEnergy[p])));
                }
                matched++;
            }
        }
        return new PlantsPage(page, limit, matched, t.snapshotId, rows);
    }

    /**
     * GET /analytics/top-plants: generators ranked by outage hours, energy lost or events in a date range.
     *
     * @throws BadParameterException for an unknown metric, a limit out of 1 to 100 or a bad date range
     */
    public TopPlants topPlants(Map<String, Object> headers) {
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
        List<RankedPlant> rows = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            int p = ranked.get(i);
            ServingTable.PlantRow plant = t.plants.get(p);
            rows.add(new RankedPlant(
                    i + 1,
                    plant.plantKey(),
                    plant.facilityId(),
                    plant.plantName(),
                    plant.generatorId(),
                    plant.unitName(),
                    plant.capacityMw(),
                    events[p],
                    hours[p],
                    round(energy[p])));
        }
        return new TopPlants(metric, text(range.start()), text(range.end()), t.snapshotId, rows);
    }

    /**
     * GET /analytics/monthly: events, outage hours and energy lost per month of the events' start, every month of
     * the range included (a month without outages is a row of zeros, not a gap in a chart).
     *
     * @throws BadParameterException for a bad date range or facility
     */
    public MonthlyTotals monthly(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        DateRange range = DateRange.from(params);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        ServingIndex ix = snapshots.current();
        ServingTable t = ix.table;
        int fromEvent = range.start() == null ? 0 : ix.firstStartingOnOrAfter(range.firstDay());
        int toEvent = range.end() == null ? t.size : ix.firstStartingOnOrAfter(range.lastDay() + 1);
        List<MonthTotals> rows = new ArrayList<>();
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
                rows.add(new MonthTotals(
                        month.toString(),
                        month.getYear(),
                        month.getMonthValue(),
                        events[m],
                        hours[m],
                        round(energy[m])));
            }
        }
        return new MonthlyTotals(text(range.start()), text(range.end()), facility, t.snapshotId, rows);
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
