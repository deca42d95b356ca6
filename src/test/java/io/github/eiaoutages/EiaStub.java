package io.github.eiaoutages;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A WireMock stand-in for EIA API v2 that answers like the real service: every value a string, decimals
 * without a leading zero, {@code total} as a string, the "incomplete return" warning, the key echoed back.
 */
public final class EiaStub {

    public static final String GENERATOR_PATH = "/v2/nuclear-outages/generator-nuclear-outages/data/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final WireMockServer server;

    public EiaStub(WireMockServer server) {
        this.server = server;
    }

    /** Generator rows: {@code count} generators of plant 46 on consecutive days from {@code first}. */
    public static List<Map<String, Object>> generatorRows(int count, LocalDate first) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("period", first.plusDays(i / 3).toString());
            row.put("facility", "46");
            row.put("facilityName", "Browns Ferry");
            row.put("generator", Integer.toString(i % 3 + 1));
            row.put("capacity", "1254.8");
            row.put("outage", i % 4 == 0 ? "627.4" : "0");
            row.put("percentOutage", i % 4 == 0 ? "50" : "0");
            row.put("capacity-units", "megawatts");
            row.put("outage-units", "megawatts");
            row.put("percentOutage-units", "percent");
            rows.add(row);
        }
        return rows;
    }

    /** Serves {@code rows} in pages of {@code length} at the generator route, with {@code total} as EIA reports it. */
    public void servePages(List<Map<String, Object>> rows, int length, long total) {
        for (int offset = 0; offset <= rows.size(); offset += length) {
            List<Map<String, Object>> page = rows.subList(offset, Math.min(rows.size(), offset + length));
            server.stubFor(get(urlPathEqualTo(GENERATOR_PATH))
                    .withQueryParam("offset", equalTo(Integer.toString(offset)))
                    .willReturn(aResponse().withHeader("Content-Type", "application/json")
                            .withBody(body(page, total, offset, length))));
        }
    }

    public static String body(List<Map<String, Object>> page, long total, int offset, int length) {
        Map<String, Object> response = new LinkedHashMap<>();
        if (total > offset + length || page.isEmpty()) {
            response.put("warnings", List.of(Map.of("warning", "incomplete return",
                    "description", "The API can only return 5000 rows in JSON format.")));
        }
        response.put("total", Long.toString(total));
        response.put("dateFormat", "YYYY-MM-DD");
        response.put("frequency", "daily");
        response.put("data", page);
        response.put("description", "Generator level nuclear outages with capacity, outages, and percent outage.");
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("response", response);
        envelope.put("request", Map.of("command", GENERATOR_PATH, "params", Map.of("api_key", "{{echoed key}}")));
        envelope.put("apiVersion", "2.1.14");
        try {
            return JSON.writeValueAsString(envelope);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
