package io.github.eiaoutages.security;

import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * LOG_FORMAT=json: every string Spring Boot's structured logging writes (message, stack trace, MDC values)
 * passes through SecretMasking, as the text log's converters do.
 */
public class MaskingJsonLogCustomizer implements StructuredLoggingJsonMembersCustomizer<Object> {

    @Override
    public void customize(JsonWriter.Members<Object> members) {
        members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, SecretMasking::mask));
    }
}
