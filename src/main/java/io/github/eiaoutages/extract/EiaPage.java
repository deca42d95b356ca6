package io.github.eiaoutages.extract;

import java.util.List;

/**
 * One parsed page of an EIA data response.
 *
 * @param total EIA's advisory row count for the whole query, or null when absent
 * @param received rows the page carried, typed or rejected
 * @param rows rows typed against the dataset spec, values in field order
 * @param rejects rows that could not be typed, with the reason
 */
public record EiaPage(Long total, int received, List<Object[]> rows, List<RejectedRow> rejects) {}
