package io.github.eiaoutages.serve;

import java.util.List;

/**
 * The orders {@code GET /data?sort=} accepts: a field, optionally prefixed with {@code -} for descending. Ties
 * are always broken by outage_id ascending, so pages never overlap or skip an event.
 */
record EventSort(String field, boolean descending) {

    static final List<String> FIELDS =
            List.of("start_date", "duration_hours", "energy_lost_mwh", "peak_outage_mw", "plant_name", "outage_id");
    static final EventSort DEFAULT = new EventSort("start_date", false);

    static EventSort parse(String text) {
        if (text == null) {
            return DEFAULT;
        }
        boolean descending = text.startsWith("-");
        String field = descending ? text.substring(1) : text;
        if (!FIELDS.contains(field)) {
            throw new BadParameterException(
                    "sort",
                    "must be one of " + String.join(", ", FIELDS)
                            + ", each optionally prefixed with - for descending (e.g. -energy_lost_mwh)");
        }
        return new EventSort(field, descending);
    }
}
