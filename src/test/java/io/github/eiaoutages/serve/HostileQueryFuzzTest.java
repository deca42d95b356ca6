package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.eiaoutages.SampleAppTest;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Thousands of random and hostile query strings against every GET endpoint: none may answer 500. Garbage is a
 * 400 problem naming the parameter; parameters an endpoint does not know are ignored.
 */
class HostileQueryFuzzTest extends SampleAppTest {

    private static final int REQUESTS = 3000;
    private static final List<String> PATHS =
            List.of("/data", "/plants", "/analytics/top-plants", "/analytics/monthly", "/runs", "/runs/%s");
    private static final List<String> NAMES = List.of(
            "page",
            "limit",
            "start_date",
            "end_date",
            "facility_id",
            "generator",
            "plant_key",
            "plant_name",
            "ongoing",
            "min_duration_hours",
            "sort",
            "metric",
            "name",
            "wait",
            "dataset",
            "head",
            "preview",
            "api_key",
            "__proto__",
            "a[b]",
            "");
    private static final List<String> VALUES = List.of(
            "1",
            "0",
            "-1",
            "1000",
            "1001",
            "2147483647",
            "2147483648",
            "-2147483649",
            "99999999999999999999999",
            "1e309",
            "NaN",
            "-0",
            "0x10",
            "1.5",
            " 7 ",
            "null",
            "true",
            "FALSE",
            "2025-01-01",
            "2025-02-30",
            "2025-13-01",
            "0000-01-01",
            "9999-12-31",
            "+100000-01-01",
            "2025-1-1",
            "20250101",
            "yesterday",
            "' OR 1=1 --",
            "1; DROP TABLE fact_outage",
            "46' UNION SELECT * FROM dim_plant --",
            "read_parquet('/etc/passwd')",
            "${jndi:ldap://x/a}",
            "${header.CamelHttpUri}",
            "#{1+1}",
            "<script>alert(1)</script>",
            "日本語",
            "Ferry",
            "ferry",
            "\u0000",
            "\u202Eevil",
            "😀",
            "%",
            "%25zz",
            "\\",
            "../../etc/passwd",
            "-start_date",
            "energy_lost_mwh",
            "-",
            "--",
            "outage_hours",
            "events",
            "revenue",
            "generator-nuclear-outages",
            "a".repeat(5000),
            "");

    @LocalServerPort
    int port;

    @Test
    void no_query_string_makes_any_get_endpoint_answer_500() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String runId = (String) ((Map<?, ?>)
                        http.getForEntity("/runs?limit=1", List.class).getBody().get(0))
                .get("run_id");
        Random random = new Random(20261124);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            String path = String.format(
                    PATHS.get(random.nextInt(PATHS.size())),
                    random.nextBoolean() ? runId : encode(VALUES.get(random.nextInt(VALUES.size()))));
            String query = query(random);
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?" + query))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            if (response.statusCode() >= 500) {
                failures.add(response.statusCode() + " " + path + "?" + query + " -> " + response.body());
            } else if (response.statusCode() >= 400
                    && !rejectedByTomcat(path, query)
                    && !response.headers()
                            .firstValue("Content-Type")
                            .orElse("")
                            .startsWith("application/problem+json")) {
                failures.add("not a problem: " + path + "?" + query + " -> "
                        + response.headers().map());
            }
        }

        assertThat(failures).as("statuses %s", statuses).isEmpty();
        assertThat(statuses.getOrDefault(200, 0)).as("statuses %s", statuses).isGreaterThan(REQUESTS / 10);
        assertThat(statuses.getOrDefault(400, 0)).as("statuses %s", statuses).isGreaterThan(REQUESTS / 10);
    }

    /**
     * Tomcat's connector answers a few requests itself, with a 400 HTML page, before any application code runs:
     * an encoded slash, backslash or NUL in the path, and a request line over 8 KB.
     */
    private static boolean rejectedByTomcat(String path, String query) {
        return path.contains("%2F")
                || path.contains("%5C")
                || path.contains("%00")
                || path.length() + query.length() > 8000;
    }

    /** 0 to 5 parameters, sometimes repeated, from the known names and values and some random bytes. */
    private static String query(Random random) {
        StringBuilder query = new StringBuilder();
        int count = random.nextInt(6);
        for (int p = 0; p < count; p++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            String value = random.nextInt(10) == 0 ? randomText(random) : VALUES.get(random.nextInt(VALUES.size()));
            int repeat = random.nextInt(8) == 0 ? 2 : 1;
            for (int r = 0; r < repeat; r++) {
                query.append(query.isEmpty() ? "" : "&")
                        .append(encode(name))
                        .append('=')
                        .append(encode(value));
            }
        }
        return query.toString();
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(40);
        for (int i = 0; i < length; i++) {
            text.appendCodePoint(random.nextInt(3) == 0 ? random.nextInt(0x2FFF) : 32 + random.nextInt(95));
        }
        return text.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
