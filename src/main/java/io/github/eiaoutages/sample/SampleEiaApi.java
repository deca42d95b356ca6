package io.github.eiaoutages.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.extract.EiaEndpoint;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the three nuclear-outage routes of EIA API v2, served by this application when no EIA key is
 * set. Same paths, parameters, paging, string-encoded values and envelope as the real API, quirks included:
 * {@code total} as a string, the "incomplete return" warning (also on an empty page past the end), and a
 * facility-route {@code total} that counts generators rather than the facility rows it returns.
 */
@RestController
class SampleEiaApi {

    private static final int MAX_LENGTH = 5000;
    private static final Map<String, List<String>> DIMENSIONS = Map.of(
            "generator-nuclear-outages", List.of("period", "facility", "facilityName", "generator"),
            "facility-nuclear-outages", List.of("period", "facility", "facilityName"),
            "us-nuclear-outages", List.of("period"));
    private static final Map<String, String> UNITS = Map.of(
            "capacity", "megawatts", "outage", "megawatts", "percentOutage", "percent");

    private final ObjectMapper mapper;
    private LocalDate cachedDay;
    private Map<String, List<Map<String, String>>> cachedRows;

    SampleEiaApi(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @GetMapping(value = {EiaEndpoint.SAMPLE_PATH + "/nuclear-outages/{route}/data",
            EiaEndpoint.SAMPLE_PATH + "/nuclear-outages/{route}/data/"}, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> data(@PathVariable String route, @RequestParam MultiValueMap<String, String> params)
            throws Exception {
        List<String> dimensions = DIMENSIONS.get(route);
        if (dimensions == null) {
            return error(HttpStatus.NOT_FOUND, "Not found.");
        }
        String frequency = params.getFirst("frequency");
        if (frequency != null && !frequency.equals("daily")) {
            return error(HttpStatus.BAD_REQUEST, "Invalid frequency '" + frequency
                    + "' provided. The only valid frequencies are 'daily'.");
        }
        List<String> data = indexed(params, "data[", "]");
        for (String column : data) {
            if (!UNITS.containsKey(column)) {
                return error(HttpStatus.BAD_REQUEST, "Invalid data '" + column + "' provided. The only valid data are "
                        + "'capacity', 'outage', 'percentOutage'.");
            }
        }
        LocalDate start;
        LocalDate end;
        int offset;
        int length;
        try {
            start = params.getFirst("start") == null ? null : LocalDate.parse(params.getFirst("start"));
            end = params.getFirst("end") == null ? null : LocalDate.parse(params.getFirst("end"));
            offset = Integer.parseInt(params.getOrDefault("offset", List.of("0")).get(0));
            length = Math.min(MAX_LENGTH, Integer.parseInt(params.getOrDefault("length", List.of("5000")).get(0)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return error(HttpStatus.BAD_REQUEST, "Invalid start, end, offset or length provided.");
        }
        Predicate<Map<String, String>> filter = row -> {
            LocalDate period = LocalDate.parse(row.get("period"));
            return (start == null || !period.isBefore(start)) && (end == null || !period.isAfter(end))
                    && facet(params, "facility", row) && facet(params, "generator", row);
        };
        List<Map<String, String>> matching = new ArrayList<>(rows(route).stream().filter(filter).toList());
        Comparator<Map<String, String>> order = order(params);
        if (order != null) {
            matching.sort(order);
        }
        long total = route.equals("facility-nuclear-outages")
                // The real facility route's total counts generator rows, not the facility rows it pages over.
                ? rows("generator-nuclear-outages").stream().filter(filter).count()
                : matching.size();
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + length); i++) {
            page.add(shape(matching.get(i), dimensions, data));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (total > offset + length || (page.isEmpty() && offset > 0)) {
            response.put("warnings", List.of(Map.of("warning", "incomplete return", "description",
                    "The API can only return 5000 rows in JSON format.  Please consider constraining your request "
                            + "with facet, start, or end, or using offset to paginate results.")));
        }
        response.put("total", Long.toString(total));
        response.put("dateFormat", "YYYY-MM-DD");
        response.put("frequency", "daily");
        response.put("data", page);
        response.put("description", "Sample data served by eia-outage-pipeline; invented outages of real reactors.");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", response);
        Map<String, Object> echo = new LinkedHashMap<>(params.toSingleValueMap());
        envelope.put("request", Map.of("command", "/v2/nuclear-outages/" + route + "/data/", "params", echo));
        envelope.put("apiVersion", "2.1.14");
        envelope.put("ExcelAddInVersion", "2.1.0");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(mapper.writeValueAsString(envelope));
    }

    private static boolean facet(MultiValueMap<String, String> params, String facet, Map<String, String> row) {
        List<String> wanted = params.get("facets[" + facet + "][]");
        return wanted == null || wanted.isEmpty() || wanted.contains(row.get(facet));
    }

    private static Comparator<Map<String, String>> order(MultiValueMap<String, String> params) {
        Comparator<Map<String, String>> order = null;
        for (int i = 0; params.containsKey("sort[" + i + "][column]"); i++) {
            String column = params.getFirst("sort[" + i + "][column]");
            Comparator<Map<String, String>> next = Comparator.comparing(row -> row.getOrDefault(column, ""));
            if ("desc".equalsIgnoreCase(params.getFirst("sort[" + i + "][direction]"))) {
                next = next.reversed();
            }
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    /** Values named {@code data[0]}, {@code data[1]}, … in index order. */
    private static List<String> indexed(MultiValueMap<String, String> params, String prefix, String suffix) {
        Map<Integer, String> byIndex = new TreeMap<>();
        params.forEach((name, values) -> {
            if (name.startsWith(prefix) && name.endsWith(suffix)) {
                try {
                    byIndex.put(Integer.parseInt(name.substring(prefix.length(), name.length() - suffix.length())),
                            values.get(0));
                } catch (NumberFormatException ignored) {
                    // not an indexed parameter
                }
            }
        });
        return new ArrayList<>(byIndex.values());
    }

    /** Without data[] EIA returns the dimension columns only — no values — exactly like here. */
    private static Map<String, Object> shape(Map<String, String> row, List<String> dimensions, List<String> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        dimensions.forEach(d -> out.put(d, row.get(d)));
        data.forEach(d -> out.put(d, row.get(d)));
        data.forEach(d -> out.put(d + "-units", UNITS.get(d)));
        return out;
    }

    private synchronized List<Map<String, String>> rows(String route) {
        LocalDate lastDay = SampleOutageData.lastPublishedDay();
        if (!lastDay.equals(cachedDay)) {
            cachedRows = SampleRoutes.build(SampleOutageData.generatorDays(lastDay));
            cachedDay = lastDay;
        }
        return cachedRows.get(route);
    }

    private ResponseEntity<String> error(HttpStatus status, String message) throws Exception {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(mapper.writeValueAsString(Map.of("error", message, "code", status.value())));
    }
}
