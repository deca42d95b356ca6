package io.github.eiaoutages.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Every instant is written with exactly three decimals, whole seconds included, and read back unchanged. */
class JsonTimesTest {

    private final ObjectMapper json = mapper();

    @Test
    void instants_are_written_in_utc_with_three_decimals_even_when_they_are_zero() throws Exception {
        assertThat(json.writeValueAsString(Map.of("at", Instant.parse("2026-11-24T02:11:09Z"))))
                .isEqualTo("{\"at\":\"2026-11-24T02:11:09.000Z\"}");
        assertThat(json.writeValueAsString(Instant.parse("2026-11-24T02:11:09.45Z")))
                .isEqualTo("\"2026-11-24T02:11:09.450Z\"");
    }

    @Test
    void what_is_written_reads_back_as_the_same_instant() throws Exception {
        Instant at = Instant.parse("2026-11-24T02:11:09.452Z");
        assertThat(json.readValue(json.writeValueAsString(at), Instant.class)).isEqualTo(at);
    }

    private static ObjectMapper mapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        new JsonTimes().instantsInMilliseconds().customize(builder);
        return builder.build();
    }
}
