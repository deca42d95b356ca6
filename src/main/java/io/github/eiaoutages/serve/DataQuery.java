package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * A validated {@code GET /data} request. Dates filter on the outage's start day, both inclusive; text filters
 * are matched as values, never spliced into a query.
 */
record DataQuery(
        int page,
        int limit,
        LocalDate startDate,
        LocalDate endDate,
        String facilityId,
        String generator,
        Integer plantKey,
        String plantName,
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
                facility,
                generator,
                plantKey,
                name == null ? null : name.toLowerCase(Locale.ROOT),
                ongoing,
                minDuration,
                sort);
    }

    long offset() {
        return (long) (page - 1) * limit;
    }

    boolean filtersPlants() {
        return facilityId != null || generator != null || plantKey != null || plantName != null;
    }

    boolean filtersEvents() {
        return filtersPlants() || startDate != null || endDate != null || ongoing != null || minDurationHours != null;
    }
}
