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

    /** EIA rounds MW to a tenth; sums of rounded parts drift a little further. */
    private static final double ROUNDING_MW = 0.5;

    private static final double ROUNDING_SHARE = 0.001;

    /**
     * Fills {@code values} in field order.
     *
     * @return null when the row is good, otherwise why it cannot be stored
     */
    String type(DatasetSpec dataset, String[] row, Object[] values) {
        FieldSpec period = dataset.period();
        for (FieldSpec field : dataset.fields()) {
            String raw = row[field.index()];
            String text = raw == null ? null : raw.trim();
            if (text == null || text.isEmpty()) {
                if (dataset.keyFields().contains(field)) {
                    return "missing key field '" + field.name() + "'";
                }
                values[field.index()] = null;
                continue;
            }
            if (field == period) {
                try {
                    // The period's shape follows the dataset's frequency: a month, a local hour with its offset, …
                    values[field.index()] = dataset.frequency().storedValue(text);
                } catch (DateTimeParseException e) {
                    return "unparsable " + dataset.frequency().eiaName() + " period '" + abbreviate(text)
                            + "' in field 'period'";
                }
                continue;
            }
            try {
                values[field.index()] = switch (field.type()) {
                    case STRING -> text;
                    case DATE -> epochDay(text);
                    case HOUR ->
                        LocalDateTime.parse(text.length() == 13 ? text + ":00" : text)
                                .toInstant(ZoneOffset.UTC)
                                .toEpochMilli();
                    case DOUBLE -> finite(Double.parseDouble(plainNumber(text)));
                    case LONG -> Long.parseLong(text);
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                return "unparsable " + field.type().name().toLowerCase() + " '" + abbreviate(text) + "' in field '"
                        + field.name() + "'";
            }
        }
        if (dataset.storesPeriodLabel()) {
            values[dataset.fields().size()] = row[period.index()].trim();
        }
        return checkValues(dataset, values);
    }

    /** Impossible values: a negative capacity, an outage above capacity by more than EIA's rounding. */
    private static String checkValues(DatasetSpec dataset, Object[] values) {
        for (FieldSpec field : dataset.nonNegative()) {
            Object value = values[field.index()];
            if (value != null && ((Number) value).doubleValue() < 0) {
                return "impossible value: negative " + field.name() + " " + value;
            }
        }
        for (Map.Entry<FieldSpec, FieldSpec> rule : dataset.atMost().entrySet()) {
            Object value = values[rule.getKey().index()];
            Object limit = values[rule.getValue().index()];
            if (value != null && limit != null) {
                double v = ((Number) value).doubleValue();
                double max = ((Number) limit).doubleValue();
                if (v > max + Math.max(ROUNDING_MW, Math.abs(max) * ROUNDING_SHARE)) {
                    return "impossible value: " + rule.getKey().name() + " " + value + " exceeds "
                            + rule.getValue().name() + " " + limit;
                }
            }
        }
        return null;
    }

    /** {@code YYYY-MM-DD} without the formatter machinery: this runs for every row of every page. */
    private static int epochDay(String text) {
        if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 7);
            int day = digits(text, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                try {
                    return (int) LocalDate.of(year, month, day).toEpochDay();
                } catch (java.time.DateTimeException e) {
                    throw new DateTimeParseException("not a date", text, 0);
                }
            }
        }
        return (int) LocalDate.parse(text).toEpochDay();
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /** Java reads {@code "500f"} and {@code "50d"} as numbers; EIA never sends such suffixes, so they are refused. */
    private static String plainNumber(String text) {
        char last = text.charAt(text.length() - 1);
        if (Character.isLetter(last)) {
            throw new NumberFormatException("trailing letter");
        }
        return text;
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
