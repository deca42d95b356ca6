package io.github.eiaoutages.serve;

import java.time.LocalDate;

/** {@code start_date} / {@code end_date} of a request: outage start days, both inclusive, either may be open. */
record DateRange(LocalDate start, LocalDate end) {

    static DateRange from(RequestParameters params) {
        LocalDate start = params.date("start_date");
        LocalDate end = params.date("end_date");
        if (start != null && end != null && end.isBefore(start)) {
            throw new BadParameterException("end_date", "(" + end + ") is before start_date (" + start + ")");
        }
        return new DateRange(start, end);
    }

    int firstDay() {
        return start == null ? Integer.MIN_VALUE : (int) start.toEpochDay();
    }

    int lastDay() {
        return end == null ? Integer.MAX_VALUE : (int) end.toEpochDay();
    }
}
