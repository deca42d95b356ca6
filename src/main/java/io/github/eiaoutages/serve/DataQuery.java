package io.github.eiaoutages.serve;

import java.time.LocalDate;
import java.util.Map;

/** A validated {@code GET /data} request. Dates filter on the outage's start day, both inclusive. */
record DataQuery(int page, int limit, LocalDate startDate, LocalDate endDate, String facilityId) {

    static final int MAX_LIMIT = 1000;

    static DataQuery from(Map<String, Object> headers) {
        RequestParameters params = new RequestParameters(headers);
        int page = params.integer("page", 1, 1_000_000, 1);
        int limit = params.integer("limit", 1, MAX_LIMIT, 100);
        LocalDate start = params.date("start_date");
        LocalDate end = params.date("end_date");
        if (start != null && end != null && end.isBefore(start)) {
            throw new BadParameterException("end_date", "(" + end + ") is before start_date (" + start + ")");
        }
        String facility = params.text("facility_id", 16);
        if (facility != null && !facility.chars().allMatch(Character::isLetterOrDigit)) {
            throw new BadParameterException("facility_id", "must be an EIA plant id such as 46 (letters and digits only)");
        }
        return new DataQuery(page, limit, start, end, facility);
    }

    long offset() {
        return (long) (page - 1) * limit;
    }
}
