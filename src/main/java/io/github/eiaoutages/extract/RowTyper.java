package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * Types the text of one EIA row against its dataset. Values arrive as strings since API v2.1.6 (numbers
 * before), decimals may lack a leading zero or a point, and null means withheld: missing, never zero.
 */
final class RowTyper {

    /**
     * Fills {@code values} in field order.
     *
     * @return null when the row is good, otherwise why it cannot be stored
     */
    String type(DatasetSpec dataset, Map<String, FieldSpec> byName, Map<String, Object> row, Object[] values) {
        for (FieldSpec field : dataset.fields()) {
            Object raw = row.get(field.name());
            String text = raw == null ? null : raw.toString().trim();
            if (text == null || text.isEmpty()) {
                if (dataset.keyFields().contains(field)) {
                    return "missing key field '" + field.name() + "'";
                }
                values[field.index()] = null;
                continue;
            }
            try {
                values[field.index()] = switch (field.type()) {
                    case STRING -> text;
                    case DATE -> (int) LocalDate.parse(text).toEpochDay();
                    case HOUR -> LocalDateTime.parse(text.length() == 13 ? text + ":00" : text)
                            .toInstant(ZoneOffset.UTC).toEpochMilli();
                    case DOUBLE -> finite(Double.parseDouble(text));
                    case LONG -> Long.parseLong(text);
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                return "unparsable " + field.type().name().toLowerCase() + " '" + abbreviate(text)
                        + "' in field '" + field.name() + "'";
            }
        }
        return null;
    }

    private static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new NumberFormatException("not finite");
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
