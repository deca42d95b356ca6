package io.github.eiaoutages.serve;

import java.util.List;
import java.util.Map;

/** The answer of {@code GET /data}: one page of outage events and the snapshot it was read from. */
public record DataPage(int page, int limit, long total, String snapshot, List<Map<String, Object>> data) {
}
