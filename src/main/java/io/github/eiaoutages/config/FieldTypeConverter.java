package io.github.eiaoutages.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** Reads a field type from application.yaml; a wrong one is answered with the types there are. */
@Component
@ConfigurationPropertiesBinding
class FieldTypeConverter implements Converter<String, FieldType> {

    @Override
    public FieldType convert(String source) {
        try {
            return FieldType.valueOf(source.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + source + "'; use one of "
                    + Arrays.stream(FieldType.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }
}
