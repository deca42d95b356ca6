package io.github.eiaoutages.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * Answers an EIA API v2 data request over a list of rows the way the real service does (see
 * {@code shared/design/EIA-API.md}): {@code start}/{@code end} inclusive, facets, {@code sort[i]}, {@code offset}
 * and {@code length} (at most 5000), values only for the requested {@code data[i]} columns, every value a
 * string, {@code total} a string, the "incomplete return" warning (also on an empty page past the end), and
 * the request's parameters echoed back, key included. The bundled sample server and the tests' EIA stub both
 * answer through it.
 */
public final class EiaApiEmulator {

    /** HTTP status and JSON body of an answer. */
    public record Answer(int status, String body) {
    }

    /**
     * What a route serves: its dimension columns, value columns with their units, and its rows.
     *
     * @param countedRows the rows whose matches {@code total} counts: the route's own, or (facility route) others
     * @param reportedTotal what EIA reports for that count (identity, or an inflated figure)
     */
    public record Route(String name, List<String> dimensions, Map<String, String> valueUnits,
                        List<Map<String, String>> rows, List<Map<String, String>> countedRows,
                        LongUnaryOperator reportedTotal) {

        public Route(String name, List<String> dimensions, Map<String, String> valueUnits, List<Map<String, String>> rows) {
            this(name, dimensions, valueUnits, rows, rows, LongUnaryOperator.identity());
        }
    }

    private static final int MAX_LENGTH = 5000;

    private final ObjectMapper mapper;

    public EiaApiEmulator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public Answer answer(Route route, Map<String, List<String>> params) {
        String frequency = first(params, "frequency");
        if (frequency != null && !frequency.equals("daily") && !frequency.equals("hourly")) {
            return error(400, "Invalid frequency '" + frequency + "' provided. The only valid frequencies are 'daily'.");
        }
        List<String> data = indexed(params, "data[", "]");
        for (String column : data) {
            if (!route.valueUnits().containsKey(column)) {
                return error(400, "Invalid data '" + column + "' provided. The only valid data are "
                        + String.join(", ", route.valueUnits().keySet()) + ".");
            }
        }
        String start = first(params, "start");
        String end = first(params, "end");
        int offset;
        int length;
        try {
            offset = Integer.parseInt(firstOr(params, "offset", "0"));
            length = Math.min(MAX_LENGTH, Integer.parseInt(firstOr(params, "length", "5000")));
        } catch (NumberFormatException e) {
            return error(400, "Invalid offset or length provided.");
        }
        Predicate<Map<String, String>> filter = row -> {
            String period = row.get("period");
            return (start == null || period.compareTo(start) >= 0) && (end == null || period.compareTo(end.length() == 10
                    && period.length() > 10 ? end + "T99" : end) <= 0) && facets(params, row);
        };
        List<Map<String, String>> matching = new ArrayList<>(route.rows().stream().filter(filter).toList());
        Comparator<Map<String, String>> order = order(params);
        if (order != null) {
            matching.sort(order);
        }
        long counted = route.countedRows() == route.rows() ? matching.size()
                : route.countedRows().stream().filter(filter).count();
        long total = route.reportedTotal().applyAsLong(counted);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + length); i++) {
            page.add(shape(matching.get(i), route, data));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (total > (long) offset + length || (page.isEmpty() && offset > 0)) {
            response.put("warnings", List.of(Map.of("warning", "incomplete return", "description",
                    "The API can only return 5000 rows in JSON format.  Please consider constraining your request "
                            + "with facet, start, or end, or using offset to paginate results.")));
        }
        response.put("total", Long.toString(total));
        response.put("dateFormat", "YYYY-MM-DD");
        response.put("frequency", frequency == null ? "daily" : frequency);
        response.put("data", page);
        response.put("description", route.name() + " (emulated EIA API v2)");
        Map<String, Object> echo = new LinkedHashMap<>();
        params.forEach((name, values) -> echo.put(name, values.size() == 1 ? values.get(0) : values));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", response);
        envelope.put("request", Map.of("command", "/v2/" + route.name() + "/data/", "params", echo));
        envelope.put("apiVersion", "2.1.14");
        envelope.put("ExcelAddInVersion", "2.1.0");
        return new Answer(200, json(envelope));
    }

    /** EIA's answer to a route it does not have. */
    public Answer notFound() {
        return error(404, "Not found.");
    }

    private Answer error(int status, String message) {
        return new Answer(status, json(Map.of("error", message, "code", status)));
    }

    private static boolean facets(Map<String, List<String>> params, Map<String, String> row) {
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (name.startsWith("facets[") && name.endsWith("][]")) {
                String facet = name.substring("facets[".length(), name.length() - "][]".length());
                if (!param.getValue().contains(row.get(facet))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static Comparator<Map<String, String>> order(Map<String, List<String>> params) {
        Comparator<Map<String, String>> order = null;
        for (int i = 0; params.containsKey("sort[" + i + "][column]"); i++) {
            String column = first(params, "sort[" + i + "][column]");
            Comparator<Map<String, String>> next = Comparator.comparing(row -> row.getOrDefault(column, ""));
            if ("desc".equalsIgnoreCase(first(params, "sort[" + i + "][direction]"))) {
                next = next.reversed();
            }
            order = order == null ? next : order.thenComparing(next);
        }
        return order;
    }

    /** Values named {@code data[0]}, {@code data[1]}, … in index order. */
    private static List<String> indexed(Map<String, List<String>> params, String prefix, String suffix) {
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
    private static Map<String, Object> shape(Map<String, String> row, Route route, List<String> data) {
        Map<String, Object> out = new LinkedHashMap<>();
        route.dimensions().forEach(d -> out.put(d, row.get(d)));
        data.forEach(d -> out.put(d, row.get(d)));
        data.forEach(d -> out.put(d + "-units", route.valueUnits().get(d)));
        return out;
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String firstOr(Map<String, List<String>> params, String name, String fallback) {
        String value = first(params, name);
        return value == null ? fallback : value;
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
