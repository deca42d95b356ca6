package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.util.Map;

/**
 * A validated {@code GET /data} request: which plants ({@link PlantFilter}), which events (start day, both inclusive;
 * ongoing; at least so many hours - {@link EventFilter} tests these), the order and the page. Text filters are matched
 * as values, never spliced into a query.
 *
 * <p>A new {@code /data} filter is read here (in {@link #from}), declared in {@code routes/api.camel.yaml} (unknown
 * parameters are refused) and tested in {@link EventFilter} or, for a plant's attribute, {@link PlantFilter}.
 */
record DataQuery(
        int page,
        int limit,
        LocalDate startDate,
        LocalDate endDate,
        PlantFilter plants,
        Boolean ongoing,
        Integer minDurationHours,
        EventSort sort) {

    static final int MAX_LIMIT = 1000;
    static final int MAX_PAGE = 1_000_000;

    static DataQuery from(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        int page = params.integer("page", 1, MAX_PAGE, 1);
        int limit = params.integer("limit", 1, MAX_LIMIT, 100);
        DateRange range = DateRange.from(params);
        String facility = params.code("facility_id", "an EIA plant id such as 46");
        String generator = params.code("generator", "an EIA generator id such as 1 or CT1");
        Integer plantKey = params.optionalInteger("plant_key", 1, Integer.MAX_VALUE);
        String name = params.text("plant_name", 100);
        Boolean ongoing = params.optionalFlag("ongoing");
        Integer minDuration = params.optionalInteger("min_duration_hours", 0, 1_000_000);
        EventSort sort = EventSort.parse(params.text("sort", 20));
        return new DataQuery(
                page,
                limit,
                range.start(),
                range.end(),
                new PlantFilter(facility, generator, plantKey, name),
                ongoing,
                minDuration,
                sort);
    }

    long offset() {
        return (long) (page - 1) * limit;
    }

    boolean filtersPlants() {
        return plants.filters();
    }

    /** True when a filter tests an event's own fields other than its start day (ongoing, duration). */
    boolean filtersEventFields() {
        return ongoing != null || minDurationHours != null;
    }

    boolean filtersEvents() {
        return filtersPlants() || startDate != null || endDate != null || filtersEventFields();
    }
}
