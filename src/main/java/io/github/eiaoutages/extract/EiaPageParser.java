package io.github.eiaoutages.extract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Reads one EIA API v2 data response with a streaming parser, typing each row against its dataset.
 *
 * <p>Never keeps or quotes the raw body: EIA echoes the API key in {@code request.params}, so that part is
 * skipped unread and error messages carry only EIA's own error text.
 */
@Component("eiaPageParser")
public class EiaPageParser {

    private final JsonFactory json;
    private final ObjectMapper mapper;
    private final RowTyper typer = new RowTyper();
    /** The value columns each dataset requests ({@code data[]}), looked up once. */
    private final Map<String, List<FieldSpec>> dataFields = new java.util.concurrent.ConcurrentHashMap<>();

    public EiaPageParser(ObjectMapper mapper) {
        this.mapper = mapper;
        this.json = mapper.getFactory();
    }

    public EiaPage parse(InputStream body, Integer status, PageCursor cursor) {
        DatasetSpec dataset = cursor.dataset();
        int code = status == null ? 200 : status;
        if (code != 200) {
            throw classify(code, readErrorQuietly(body), dataset);
        }
        try (JsonParser p = json.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notJson(dataset, null);
            }
            EiaPage page = null;
            JsonNode error = null;
            String eiaCode = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken token = p.nextToken();
                switch (field) {
                    case "response" -> page = readResponse(p, dataset, cursor);
                    // Older API versions, and retired routes, answer errors with HTTP 200: the body decides.
                    case "error" -> error = mapper.readTree(p);
                    case "code" -> eiaCode = token.isScalarValue() ? p.getValueAsString() : null;
                    default -> p.skipChildren();
                }
            }
            if (error != null) {
                throw classify(200, EiaError.of(error, eiaCode), dataset);
            }
            if (page == null) {
                throw new EiaMalformedResponseException(
                        "EIA answered " + dataset.route() + " without a 'response' object");
            }
            if (page.received() > cursor.length()) {
                // Reported by other clients: a page with more rows than asked for; its offsets cannot be trusted.
                throw new EiaMalformedResponseException("EIA answered " + dataset.route() + " " + cursor.describe()
                        + " with " + page.received() + " rows, more than the " + cursor.length() + " asked for");
            }
            return page;
        } catch (JsonParseException e) {
            throw notJson(dataset, e);
        } catch (IOException e) {
            throw new EiaUnavailableException(
                    "Reading the EIA response for " + dataset.route() + " failed: "
                            + e.getClass().getSimpleName(),
                    0);
        }
    }

    private EiaPage readResponse(JsonParser p, DatasetSpec dataset, PageCursor cursor) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new EiaMalformedResponseException(
                    "EIA answered " + dataset.route() + " with a 'response' that is not an object");
        }
        Long total = null;
        List<Object[]> rows = null;
        // Accepted rows wait in memory until their Parquet part is written (up to pipeline.storage.rows-per-part per
        // window), and a page repeats its plant names, days and capacities hundreds of times: one instance of each
        // value per page keeps that wait small, and the heap's collector with it.
        Map<Object, Object> shared = new HashMap<>();
        List<RejectedRow> rejects = new ArrayList<>();
        int received = 0;
        Map<String, FieldSpec> byName = new HashMap<>();
        dataset.fields().forEach(f -> byName.put(f.name(), f));
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken token = p.nextToken();
            if ("total".equals(field)) {
                total = parseTotal(p.getValueAsString());
            } else if ("frequency".equals(field) && token.isScalarValue()) {
                checkFrequency(p.getValueAsString(), dataset);
            } else if ("data".equals(field) && token == JsonToken.START_ARRAY) {
                rows = new ArrayList<>();
                JsonToken element;
                while ((element = p.nextToken()) == JsonToken.START_OBJECT) {
                    received++;
                    readRow(p, dataset, cursor, byName, rows, rejects, shared);
                }
                // Anything but an object in 'data' (a null, a number) would otherwise end the page early: the rows
                // after it lost, the page taken for a short last page. The answer is broken; it is fetched again.
                if (element != JsonToken.END_ARRAY) {
                    String what = element == JsonToken.VALUE_NULL
                            ? "null"
                            : element.isNumeric()
                                    ? "a number"
                                    : element == JsonToken.VALUE_STRING
                                            ? "a string"
                                            : element.isBoolean()
                                                    ? "true or false"
                                                    : element == JsonToken.START_ARRAY ? "an array" : "something else";
                    throw new EiaMalformedResponseException("EIA answered " + dataset.route() + " with " + what
                            + " instead of a row at position " + (received + 1) + " of 'data'");
                }
            } else {
                p.skipChildren();
            }
        }
        if (rows == null) {
            throw new EiaMalformedResponseException("EIA answered " + dataset.route() + " without a 'data' array");
        }
        return new EiaPage(total, received, rows, rejects);
    }

    private void readRow(
            JsonParser p,
            DatasetSpec dataset,
            PageCursor cursor,
            Map<String, FieldSpec> byName,
            List<Object[]> rows,
            List<RejectedRow> rejects,
            Map<Object, Object> shared)
            throws IOException {
        String[] text = new String[dataset.fields().size()];
        boolean[] present = new boolean[text.length];
        String structured = null;
        Map<String, Object> others = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken token = p.nextToken();
            FieldSpec field = byName.get(name);
            if (field != null) {
                present[field.index()] = true;
            }
            if (token.isStructStart()) {
                p.skipChildren();
                if (field != null && structured == null) {
                    structured = "unparsable " + (token == JsonToken.START_OBJECT ? "object" : "array") + " in field '"
                            + field.name() + "'";
                }
            } else if (field != null) {
                text[field.index()] = token == JsonToken.VALUE_NULL ? null : p.getText();
            } else if (!name.endsWith("-units")) {
                // Fields the dataset does not store are kept only to show a rejected row as it came.
                others = others == null ? new LinkedHashMap<>() : others;
                others.put(name, token == JsonToken.VALUE_NULL ? null : p.getText());
            }
        }
        Object[] values = new Object[dataset.rowWidth()];
        String problem = structured != null ? structured : missingColumn(dataset, present);
        if (problem == null) {
            problem = typer.type(dataset, text, values);
        }
        if (problem == null) {
            problem = cursor.outsideWindow(values);
        }
        if (problem == null) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] != null) {
                    Object first = shared.putIfAbsent(values[i], values[i]);
                    values[i] = first != null ? first : values[i];
                }
            }
            rows.add(values);
        } else {
            Map<String, Object> original = new LinkedHashMap<>();
            for (FieldSpec field : dataset.fields()) {
                if (text[field.index()] != null) {
                    original.put(field.name(), text[field.index()]);
                }
            }
            if (others != null) {
                original.putAll(others);
            }
            rejects.add(new RejectedRow(problem, original));
        }
    }

    /**
     * Rows of another frequency than asked for would all be quarantined as unparsable periods (or, worse, parse
     * as the wrong thing): an answer that names another frequency is refused whole.
     */
    private static void checkFrequency(String answered, DatasetSpec dataset) {
        if (answered != null
                && !answered.isBlank()
                && !answered.equalsIgnoreCase(dataset.frequency().eiaName())) {
            throw new EiaResponseException("EIA answered " + dataset.route() + " with " + answered + " data, but the "
                    + "request asked for " + dataset.frequency().eiaName() + ": check pipeline.datasets." + dataset.id()
                    + ".frequency against the route's frequencies (GET " + dataset.route() + "/ lists them)");
        }
    }

    /**
     * A value column the request asked for ({@code data[]}) that the row does not carry at all: EIA sends a withheld
     * value as null, so an absent one means the answer is not what was asked for (a renamed column, a changed
     * route), and storing it as missing would silently blank the stored values.
     */
    private String missingColumn(DatasetSpec dataset, boolean[] present) {
        for (FieldSpec field : dataFields.computeIfAbsent(
                dataset.id(), id -> dataset.data().stream().map(dataset::field).toList())) {
            if (!present[field.index()]) {
                return "unparsable row: it has no field '" + field.name() + "', which the request asks for (data[])";
            }
        }
        return null;
    }

    private static Long parseTotal(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private EiaError readErrorQuietly(InputStream body) {
        if (body == null) {
            return EiaError.NONE;
        }
        try {
            JsonNode root = mapper.readTree(body);
            return root == null
                    ? EiaError.NONE
                    : EiaError.of(root.path("error"), root.path("code").asText(null));
        } catch (IOException e) {
            return EiaError.NONE;
        }
    }

    /**
     * EIA's error, from its two shapes: {@code {"error":{"code":"API_KEY_INVALID","message":"…"}}} and
     * {@code {"error":"text","code":404}}.
     *
     * @param code EIA's own code: a number (404) or a name (API_KEY_INVALID), or null
     */
    record EiaError(String code, String text) {

        static final EiaError NONE = new EiaError(null, null);

        static EiaError of(JsonNode error, String topLevelCode) {
            if (error == null || error.isMissingNode() || error.isNull()) {
                return NONE;
            }
            if (error.isObject()) {
                String code = error.path("code").asText(null);
                return new EiaError(
                        code,
                        (code == null ? "" : code + " ") + error.path("message").asText(""));
            }
            return new EiaError(topLevelCode, error.asText());
        }

        /** EIA's code as an HTTP-like status, when it is one. */
        Integer status() {
            try {
                return code == null ? null : Integer.valueOf(code.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /**
     * Names the real HTTP status, and EIA's own code where it differs ({@code HTTP 200 with EIA error code 404}),
     * then decides by the code EIA meant: a rejected key, a request to change, or a failure that may pass.
     */
    static EiaResponseException classify(int httpStatus, EiaError error, DatasetSpec dataset) {
        Integer eiaStatus = error.status();
        int meant = eiaStatus != null ? eiaStatus : httpStatus == 200 ? 400 : httpStatus;
        String status = "HTTP " + httpStatus
                + (eiaStatus != null && eiaStatus != httpStatus ? " with EIA error code " + eiaStatus : "");
        String detail = error.text() == null || error.text().isBlank() ? "" : ": " + abbreviate(error.text());
        if (meant == 401
                || meant == 403
                || (error.text() != null && error.text().startsWith("API_KEY"))) {
            return new EiaApiKeyRejectedException("EIA rejected the API key (" + status + detail
                    + "): set EIA_API_KEY to a valid key (free at https://www.eia.gov/opendata/register.php)");
        }
        if (meant == 429 || meant >= 500) {
            return new EiaUnavailableException("EIA answered " + status + " for " + dataset.route() + detail, meant);
        }
        if (meant == 404) {
            return new EiaResponseException("EIA has no route " + dataset.route() + " (" + status + detail
                    + "): check pipeline.datasets." + dataset.id() + ".route (the route alone, without /data)");
        }
        return new EiaResponseException("EIA rejected the request for " + dataset.route() + " (" + status + detail
                + "): check pipeline.datasets." + dataset.id() + " (route, frequency, data, facets)");
    }

    private static EiaResponseException notJson(DatasetSpec dataset, Exception cause) {
        return new EiaMalformedResponseException("EIA answered " + dataset.route()
                + " with a body that is not the expected JSON; the API may be down or behind a proxy page");
    }

    static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
