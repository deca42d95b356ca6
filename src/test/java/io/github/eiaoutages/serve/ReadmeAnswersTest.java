package io.github.eiaoutages.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.eiaoutages.SampleAppTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * The README's example answers are real: every {@code curl} it shows with an answer below it is sent to the
 * application on the bundled sample data, and the answer it prints is checked field by field - every field is
 * there with the same JSON type, and the same value unless it names a moment (ids of runs and snapshots, times,
 * counts that grow with the sample's days), whose text must still have the README's shape. Abbreviations ({@code ...}) in the README are left out of the check.
 */
class ReadmeAnswersTest extends SampleAppTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fields whose value depends on when the sample ran. */
    private static final Set<String> MOMENTS = Set.of(
            "snapshot",
            "run_id",
            "started_at",
            "finished_at",
            "duration_ms",
            "total",
            "rows",
            "newest_period",
            "gap_count",
            "pages",
            "rows_received",
            "rows_duplicate",
            "bytes");

    private static final Pattern EXAMPLE = Pattern.compile(
            "```bash\\n\\s*curl -s(?: -X (POST))? '(?:http://)?localhost:8080(/[^']*)'\\s*```\\s*```json\\n(.*?)```",
            Pattern.DOTALL);

    @Test
    void every_curl_example_of_the_readme_answers_what_the_readme_shows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        Matcher m = EXAMPLE.matcher(readme);
        List<String> checked = new ArrayList<>();
        while (m.find()) {
            String path = m.group(2);
            HttpMethod method = m.group(1) == null ? HttpMethod.GET : HttpMethod.POST;
            ResponseEntity<String> answer = http.exchange(path, method, null, String.class);
            JsonNode actual = JSON.readTree(answer.getBody());
            JsonNode shown = JSON.readTree(unabbreviated(m.group(3)));
            List<String> differences = new ArrayList<>();
            compare("", shown, actual, differences);
            assertThat(differences)
                    .as("%s %s: the README shows %s%nbut the application answers %s", method, path, shown, actual)
                    .isEmpty();
            checked.add(path);
        }
        assertThat(checked).as("README examples checked").hasSizeGreaterThanOrEqualTo(5);
    }

    /** The README's JSON without its "..." abbreviations: {@code , ...} in objects and arrays, and a leading "  ". */
    private static String unabbreviated(String text) {
        return text.replaceAll(",\\s*\\.\\.\\.\\s*(?=[}\\]])", "").replaceAll("\\{\\s*\\.\\.\\.\\s*}", "{}");
    }

    /** The text with every digit a 9: {@code 2026-11-24T02:11:09.452Z} and {@code 2025-01-01T00:00:00.000Z} agree. */
    private static String shape(JsonNode text) {
        return text.asText().replaceAll("\\d", "9");
    }

    private static void compare(String where, JsonNode shown, JsonNode actual, List<String> differences) {
        if (actual == null || actual.isMissingNode()) {
            differences.add(where + " is missing");
            return;
        }
        if (shown.getNodeType() != actual.getNodeType() && !(shown.isNumber() && actual.isNumber())) {
            differences.add(where + " is " + actual.getNodeType() + ", the README shows " + shown.getNodeType());
            return;
        }
        if (shown.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = shown.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (MOMENTS.contains(field.getKey())) {
                    JsonNode value = actual.get(field.getKey());
                    if (value == null) {
                        differences.add(where + "." + field.getKey() + " is missing");
                    } else if (field.getValue().isTextual()
                            && !shape(field.getValue()).equals(shape(value))) {
                        // A moment may differ, its format may not (ids, ISO-8601 times with milliseconds).
                        differences.add(where + "." + field.getKey() + " is " + value
                                + ", not shaped like the README's " + field.getValue());
                    }
                    continue;
                }
                compare(where + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), differences);
            }
        } else if (shown.isArray()) {
            for (int i = 0; i < shown.size(); i++) {
                compare(where + "[" + i + "]", shown.get(i), actual.get(i), differences);
            }
        } else if (shown.isNumber() ? Math.abs(shown.asDouble() - actual.asDouble()) > 1e-9 : !shown.equals(actual)) {
            differences.add(where + " is " + actual + ", the README shows " + shown);
        }
    }
}
