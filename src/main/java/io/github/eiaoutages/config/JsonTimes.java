package io.github.eiaoutages.config;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One shape for every moment the application writes as JSON (run records, manifests, API answers): ISO-8601 in
 * UTC with exactly three decimals, {@code 2026-11-24T02:11:09.450Z}. Jackson's default drops trailing zeros
 * ({@code 09.45Z}, {@code 09Z}), so a client parsing with a fixed pattern would fail one time in a hundred.
 * Reading accepts any ISO-8601 instant, older files included.
 */
@Configuration(proxyBeanMethods = false)
class JsonTimes {

    static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

    @Bean
    Jackson2ObjectMapperBuilderCustomizer instantsInMilliseconds() {
        return builder -> builder.serializerByType(Instant.class, new StdSerializer<>(Instant.class) {
            @Override
            public void serialize(Instant value, JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeString(MILLIS.format(value));
            }
        });
    }
}
