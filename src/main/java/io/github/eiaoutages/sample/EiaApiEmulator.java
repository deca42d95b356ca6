package io.github.eiaoutages.sample;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongUnaryOperator;
import java.util.function.Predicate;

/**
 * Answers EIA API v2 requests over a set of routes the way the real service does (see
 * {@code shared/design/EIA-API.md}): on {@code <route>/data/} {@code start}/{@code end} inclusive in the route's
 * own period format, facets, {@code sort[i]}, {@code offset} and {@code length} (at most 5000), values only for
 * the requested {@code data[i]} columns, every value a string, {@code total} a string, the "incomplete return"
 * warning (also on an empty page past the end), and the request's parameters echoed back, key included; on
 * {@code <route>/} the route's metadata (frequency and format, facets, data columns with units, first and last
 * period); on {@code <route>/facet/} and {@code <route>/facet/<id>/} the facets and each facet's valid values.
 * The bundled sample server and the tests' EIA stub both answer through it.
 */
public final class EiaApiEmulator {

    /** HTTP status and JSON body of an answer. */
    public record Answer(int status, String body) {}

    /**
     * What a route serves: its frequency, dimension columns, facets, value columns with their units, and rows.
     *
     * @param facets facet id → the column holding its values' names (null when there is none), in order
     * @param countedRows the rows whose matches {@code total} counts: the route's own, or (facility route) others
     * @param reportedTotal what EIA reports for that count (identity, or an inflated figure)
     */
    public record Route(
            String name,
            Frequency frequency,
            List<String> dimensions,
            Map<String, String> facets,
            Map<String, String> valueUnits,
            List<Map<String, String>> rows,
            List<Map<String, String>> countedRows,
            LongUnaryOperator reportedTotal) {

        /** A daily route whose facets are its dimensions but the period (a {@code <facet>Name} column names them). */
        public Route(
                String name, List<String> dimensions, Map<String, String> valueUnits, List<Map<String, String>> rows) {
            this(
                    name,
                    Frequency.DAILY,
                    dimensions,
                    facetsOf(dimensions),
                    valueUnits,
                    rows,
                    rows,
                    LongUnaryOperator.identity());
        }

        /** The same route serving other rows. */
        public Route withRows(List<Map<String, String>> newRows) {
            return new Route(
                    name,
                    frequency,
                    dimensions,
                    facets,
                    valueUnits,
                    newRows,
                    countedRows == rows ? newRows : countedRows,
                    reportedTotal);
        }

        /** The same route reporting {@code total} through {@code reported}. */
        public Route withTotal(List<Map<String, String>> counted, LongUnaryOperator reported) {
            return new Route(name, frequency, dimensions, facets, valueUnits, rows, counted, reported);
        }

        private static Map<String, String> facetsOf(List<String> dimensions) {
            Map<String, String> facets = new LinkedHashMap<>();
            for (String d : dimensions) {
                if (!d.equals("period") && !d.endsWith("Name") && !d.endsWith("-name")) {
                    facets.put(
                            d,
                            dimensions.contains(d + "Name")
                                    ? d + "Name"
                                    : dimensions.contains(d + "-name") ? d + "-name" : null);
                }
            }
            return facets;
        }
    }

    private static final int MAX_LENGTH = 5000;
    private static final String API_VERSION = "2.1.14";

    private final ObjectMapper mapper;

    public EiaApiEmulator(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Answers a request for {@code path} (what follows {@code /v2/}, e.g. {@code electricity/rto/region-data/data/},
     * {@code electricity/rto/region-data/}, {@code …/facet/respondent/}) over {@code routes} by name.
     */
    public Answer answer(Map<String, Route> routes, String path, Map<String, List<String>> params) {
        String trimmed = path.replaceAll("^/+|/+$", "");
        int facet = trimmed.indexOf("/facet");
        if (trimmed.endsWith("/data")) {
            Route route = routes.get(trimmed.substring(0, trimmed.length() - "/data".length()));
            return route == null ? notFound() : answer(route, params);
        }
        if (facet > 0 && (trimmed.endsWith("/facet") || trimmed.indexOf('/', facet + "/facet/".length()) < 0)) {
            Route route = routes.get(trimmed.substring(0, facet));
            String id = trimmed.endsWith("/facet") ? null : trimmed.substring(facet + "/facet/".length());
            return route == null ? notFound() : facets(route, id, params);
        }
        Route route = routes.get(trimmed);
        return route == null ? notFound() : metadata(route, params);
    }

    /** The answer of {@code <route>/data/}. */
    public Answer answer(Route route, Map<String, List<String>> params) {
        String frequency = first(params, "frequency");
        if (frequency != null && !frequency.equals(route.frequency().eiaName())) {
            return error(
                    400,
                    "Invalid frequency '" + frequency + "' provided. The only valid frequencies are '"
                            + route.frequency().eiaName() + "'.");
        }
        List<String> data = indexed(params, "data[", "]");
        for (String column : data) {
            if (!route.valueUnits().containsKey(column)) {
                return error(
                        400,
                        "Invalid data '" + column + "' provided. The only valid data are "
                                + String.join(", ", route.valueUnits().keySet()) + ".");
            }
        }
        Period start;
        Period end;
        try {
            start = period(route, first(params, "start"));
            end = period(route, first(params, "end"));
        } catch (DateTimeParseException e) {
            return error(
                    400,
                    "Invalid start or end provided for frequency '"
                            + route.frequency().eiaName() + "': " + e.getMessage());
        }
        int offset;
        int length;
        try {
            offset = Integer.parseInt(firstOr(params, "offset", "0"));
            length = Math.min(MAX_LENGTH, Integer.parseInt(firstOr(params, "length", "5000")));
        } catch (NumberFormatException e) {
            return error(400, "Invalid offset or length provided.");
        }
        Predicate<Map<String, String>> filter = row -> {
            Period period = periodOrNull(route, row.get("period"));
            // A row whose period is malformed (as tests serve it, to be quarantined) is in every window.
            return (period == null
                            || ((start == null || !period.isBefore(start)) && (end == null || !period.isAfter(end))))
                    && facets(params, row);
        };
        List<Map<String, String>> matching =
                new ArrayList<>(route.rows().stream().filter(filter).toList());
        Comparator<Map<String, String>> order = order(params);
        if (order != null) {
            matching.sort(order);
        }
        long counted = route.countedRows() == route.rows()
                ? matching.size()
                : route.countedRows().stream().filter(filter).count();
        long total = route.reportedTotal().applyAsLong(counted);
        List<Map<String, Object>> page = new ArrayList<>();
        for (int i = offset; i < Math.min(matching.size(), offset + length); i++) {
            page.add(shape(matching.get(i), route, data));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        if (total > (long) offset + length || (page.isEmpty() && offset > 0)) {
            response.put(
                    "warnings",
                    List.of(Map.of(
                            "warning",
                            "incomplete return",
                            "description",
                            "The API can only return 5000 rows in JSON format.  Please consider constraining your request "
                                    + "with facet, start, or end, or using offset to paginate results.")));
        }
        response.put("total", Long.toString(total));
        response.put("dateFormat", route.frequency().eiaFormat());
        response.put("frequency", route.frequency().eiaName());
        response.put("data", page);
        response.put("description", route.name() + " (emulated EIA API v2)");
        return new Answer(200, json(envelope(response, route.name() + "/data/", params)));
    }

    /** EIA's answer to a route it does not have. */
    public Answer notFound() {
        return error(404, "Not found.");
    }

    /** {@code <route>/}: what the route offers, as EIA's metadata lists it. */
    private Answer metadata(Route route, Map<String, List<String>> params) {
        Map<String, Object> response = new LinkedHashMap<>();
        String id = route.name().substring(route.name().lastIndexOf('/') + 1);
        response.put("id", id);
        response.put("name", id + " (emulated)");
        response.put("description", route.name() + " (emulated EIA API v2)");
        response.put(
                "frequency",
                List.of(Map.of(
                        "id",
                        route.frequency().eiaName(),
                        "description",
                        "One data point for each " + route.frequency().eiaName() + " period.",
                        "format",
                        route.frequency().eiaFormat())));
        List<Map<String, String>> facets = new ArrayList<>();
        route.facets().keySet().forEach(f -> facets.add(Map.of("id", f, "description", f)));
        response.put("facets", facets);
        Map<String, Object> columns = new LinkedHashMap<>();
        route.valueUnits().forEach((column, units) -> columns.put(column, Map.of("units", units)));
        response.put("data", columns);
        Period first = null;
        Period last = null;
        for (Map<String, String> row : route.rows()) {
            Period p = periodOrNull(route, row.get("period"));
            if (p == null) {
                continue;
            }
            first = first == null || p.isBefore(first) ? p : first;
            last = last == null || p.isAfter(last) ? p : last;
        }
        response.put("startPeriod", first == null ? null : first.label());
        response.put("endPeriod", last == null ? null : last.label());
        response.put("defaultDateFormat", route.frequency().eiaFormat());
        response.put("defaultFrequency", route.frequency().eiaName());
        return new Answer(200, json(envelope(response, route.name() + "/", params)));
    }

    /** {@code <route>/facet/} (facet ids) or {@code <route>/facet/<id>/} (the facet's values with their names). */
    private Answer facets(Route route, String facet, Map<String, List<String>> params) {
        List<Map<String, String>> listed = new ArrayList<>();
        if (facet == null) {
            route.facets().keySet().forEach(f -> listed.add(Map.of("id", f, "description", f)));
        } else if (!route.facets().containsKey(facet)) {
            return error(
                    400,
                    "Invalid facet '" + facet + "' provided. The only valid facets are "
                            + String.join(", ", route.facets().keySet()) + ".");
        } else {
            String nameColumn = route.facets().get(facet);
            Map<String, String> values = new TreeMap<>();
            for (Map<String, String> row : route.rows()) {
                String value = row.get(facet);
                if (value != null) {
                    values.putIfAbsent(value, nameColumn == null ? value : row.getOrDefault(nameColumn, value));
                }
            }
            values.forEach(
                    (value, name) -> listed.add(Map.of("id", value, "name", name, "alias", "(" + value + ") " + name)));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("totalFacets", listed.size());
        response.put("facets", listed);
        return new Answer(
                200, json(envelope(response, route.name() + "/facet/" + (facet == null ? "" : facet + "/"), params)));
    }

    private static Map<String, Object> envelope(
            Map<String, Object> response, String command, Map<String, List<String>> params) {
        Map<String, Object> echo = new LinkedHashMap<>();
        params.forEach((name, values) -> echo.put(name, values.size() == 1 ? values.get(0) : values));
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", response);
        envelope.put("request", Map.of("command", "/v2/" + command, "params", echo));
        envelope.put("apiVersion", API_VERSION);
        envelope.put("ExcelAddInVersion", "2.1.0");
        return envelope;
    }

    private Answer error(int status, String message) {
        return new Answer(status, json(Map.of("error", message, "code", status)));
    }

    private static Period period(Route route, String text) {
        return text == null || text.isBlank() ? null : route.frequency().parse(text);
    }

    private static Period periodOrNull(Route route, String text) {
        try {
            return route.frequency().parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
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
                    byIndex.put(
                            Integer.parseInt(name.substring(prefix.length(), name.length() - suffix.length())),
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
