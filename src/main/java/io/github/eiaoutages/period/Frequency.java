package io.github.eiaoutages.period;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The frequencies of EIA API v2 and the shape of their periods (EIA-API.md, "Frequencies and period formats"):
 * how a period label is read, written back for {@code start}/{@code end}, stepped, stored, and how many steps a
 * dataset looks back, fetches per backfill window and may age before it is stale, unless configured.
 *
 * <p>Periods of {@code hourly} and {@code local-hourly} data are instants (stored as a UTC TIMESTAMP); all others
 * are days (stored as a DATE: the period's first day, or for {@code weekly} the day EIA names).
 */
public enum Frequency {

    /** {@code 2026-11-01T05}: a UTC hour (EIA-930 {@code electricity/rto/*}). */
    HOURLY("hourly", "YYYY-MM-DD\"T\"HH24", "2026-11-01T05", 48, 720, Duration.ofDays(2)),
    /**
     * {@code 2026-11-01T01-05}: a local hour and its UTC offset. On the DST fall-back day the same local hour
     * comes twice with two offsets: two different instants.
     */
    LOCAL_HOURLY("local-hourly", "YYYY-MM-DD\"T\"HH24TZH", "2026-11-01T01-05", 48, 720, Duration.ofDays(2)),
    /** {@code 2026-11-01}: nuclear outages, EIA-930 daily routes. */
    DAILY("daily", "YYYY-MM-DD", "2026-11-01", 14, 365, Duration.ofDays(3)),
    /** {@code 2026-10-31}: a day (the week's end or start, per route), stepped by 7 days. */
    WEEKLY("weekly", "YYYY-MM-DD", "2026-10-31", 4, 104, Duration.ofDays(14)),
    /** {@code 2026-10}: most EIA routes (electricity, natural gas, petroleum, STEO). */
    MONTHLY("monthly", "YYYY-MM", "2026-10", 3, 120, Duration.ofDays(75)),
    /** {@code 2026-Q3}. */
    QUARTERLY("quarterly", "YYYY-\"Q\"Q", "2026-Q3", 2, 40, Duration.ofDays(200)),
    /** {@code 2026}. */
    ANNUAL("annual", "YYYY", "2026", 1, 50, Duration.ofDays(500));

    private static final long MILLIS_PER_HOUR = 3_600_000L;

    private final String eiaName;
    private final String eiaFormat;
    private final String example;
    private final int defaultLookBack;
    private final int defaultWindow;
    private final Duration defaultMaxAge;

    Frequency(
            String eiaName,
            String eiaFormat,
            String example,
            int defaultLookBack,
            int defaultWindow,
            Duration defaultMaxAge) {
        this.eiaName = eiaName;
        this.eiaFormat = eiaFormat;
        this.example = example;
        this.defaultLookBack = defaultLookBack;
        this.defaultWindow = defaultWindow;
        this.defaultMaxAge = defaultMaxAge;
    }

    /**
     * The frequency EIA calls {@code name} ({@code hourly}, {@code local-hourly}, … {@code annual}).
     *
     * @throws IllegalArgumentException naming the frequencies there are
     */
    public static Frequency fromEia(String name) {
        for (Frequency f : values()) {
            if (f.eiaName.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not an EIA frequency; use one of "
                + Arrays.stream(values()).map(Frequency::eiaName).collect(Collectors.joining(", ")));
    }

    /** EIA's name, as sent in {@code frequency=} and answered in {@code response.frequency}. */
    public String eiaName() {
        return eiaName;
    }

    /** EIA's format string for the periods, as its metadata and {@code dateFormat} give it. */
    public String eiaFormat() {
        return eiaFormat;
    }

    /** A period label of this frequency, for messages. */
    public String example() {
        return example;
    }

    /** True when periods are hours (stored as a UTC TIMESTAMP), false when they are days (stored as a DATE). */
    public boolean hourly() {
        return this == HOURLY || this == LOCAL_HOURLY;
    }

    /** Periods an incremental run asks for again before the newest stored one (EIA revises recent data). */
    public int defaultLookBack() {
        return defaultLookBack;
    }

    /** Periods per backfill window (one request series each, fetched concurrently). */
    public int defaultWindow() {
        return defaultWindow;
    }

    /** How long after the end of its newest period a dataset is still fresh (health). */
    public Duration defaultMaxAge() {
        return defaultMaxAge;
    }

    /**
     * Reads a period label as EIA sends it.
     *
     * @throws DateTimeParseException when the label is not a period of this frequency
     */
    public Period parse(String label) {
        String text = label == null ? "" : label.trim();
        try {
            return switch (this) {
                case HOURLY -> Period.ofHour(this, utcHour(text), ZoneOffset.UTC);
                case LOCAL_HOURLY -> localHour(text);
                case DAILY, WEEKLY -> Period.ofDay(this, day(text));
                case MONTHLY -> Period.ofDay(this, month(text));
                case QUARTERLY -> Period.ofDay(this, quarter(text));
                case ANNUAL -> Period.ofDay(this, LocalDate.of(digits(text, 0, 4, text.length() == 4), 1, 1));
            };
        } catch (DateTimeParseException e) {
            throw e;
        } catch (DateTimeException e) {
            throw noSuchPeriod(text, e);
        } catch (IndexOutOfBoundsException e) {
            throw notAPeriod(text);
        }
    }

    /**
     * The stored value of a period label: the epoch day ({@code int}) of a DATE, or epoch milliseconds
     * ({@code long}) of a UTC TIMESTAMP. Called for every row, so a daily label skips the general parser.
     *
     * @throws DateTimeParseException when the label is not a period of this frequency
     */
    public Object storedValue(String label) {
        if (this == DAILY) {
            try {
                return (int) day(label.trim()).toEpochDay();
            } catch (DateTimeParseException e) {
                throw e;
            } catch (DateTimeException e) {
                throw noSuchPeriod(label, e);
            } catch (IndexOutOfBoundsException e) {
                throw notAPeriod(label);
            }
        }
        return parse(label).storedValue();
    }

    /** The period a stored value (epoch day of a DATE, epoch ms of a TIMESTAMP) stands for. */
    public Period fromStored(Object stored, ZoneOffset offset) {
        if (hourly()) {
            long millis = stored instanceof Instant i ? i.toEpochMilli() : ((Number) stored).longValue();
            return Period.ofHour(this, Math.floorDiv(millis, MILLIS_PER_HOUR), offset);
        }
        long epochDay = stored instanceof LocalDate d ? d.toEpochDay() : ((Number) stored).longValue();
        return Period.ofDay(this, LocalDate.ofEpochDay(epochDay));
    }

    /**
     * The period that holds {@code instant} (the hour, day, month, quarter or year, in UTC). For weekly data the
     * anchor day of a week is the route's own, so this is the 7-day step of {@code anchor} that holds it.
     */
    public Period containing(Instant instant, Period anchor) {
        if (hourly()) {
            return Period.ofHour(
                    this,
                    Math.floorDiv(instant.toEpochMilli(), MILLIS_PER_HOUR),
                    anchor == null ? ZoneOffset.UTC : anchor.offset());
        }
        LocalDate day = LocalDate.ofInstant(instant, ZoneOffset.UTC);
        return switch (this) {
            case DAILY -> Period.ofDay(this, day);
            case WEEKLY -> {
                long from = anchor == null ? day.toEpochDay() : anchor.ordinal();
                yield Period.ofDay(this, LocalDate.ofEpochDay(from + Math.floorDiv(day.toEpochDay() - from, 7) * 7));
            }
            case MONTHLY -> Period.ofDay(this, day.withDayOfMonth(1));
            case QUARTERLY ->
                Period.ofDay(this, LocalDate.of(day.getYear(), (day.get(IsoFields.QUARTER_OF_YEAR) - 1) * 3 + 1, 1));
            case ANNUAL -> Period.ofDay(this, LocalDate.of(day.getYear(), 1, 1));
            default -> throw new IllegalStateException(name());
        };
    }

    private DateTimeParseException notAPeriod(String text) {
        return new DateTimeParseException(
                "'" + text + "' is not " + (eiaName.startsWith("a") ? "an " : "a ") + eiaName + " period such as "
                        + example,
                text,
                0);
    }

    /** Shaped right, but the calendar has no such day or hour (2025-02-30, month 13, hour 24). */
    private DateTimeParseException noSuchPeriod(String text, DateTimeException cause) {
        return new DateTimeParseException(
                "'" + text + "' is shaped like " + (eiaName.startsWith("a") ? "an " : "a ") + eiaName
                        + " period but does not exist: " + cause.getMessage(),
                text,
                0,
                cause);
    }

    /** {@code YYYY-MM-DD} without the formatter machinery: this runs for every row of every page. */
    private LocalDate day(String text) {
        if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
            throw notAPeriod(text);
        }
        return LocalDate.of(digits(text, 0, 4, true), digits(text, 5, 7, true), digits(text, 8, 10, true));
    }

    private LocalDate month(String text) {
        if (text.length() != 7 || text.charAt(4) != '-') {
            throw notAPeriod(text);
        }
        return LocalDate.of(digits(text, 0, 4, true), digits(text, 5, 7, true), 1);
    }

    private LocalDate quarter(String text) {
        if (text.length() != 7 || text.charAt(4) != '-' || Character.toUpperCase(text.charAt(5)) != 'Q') {
            throw notAPeriod(text);
        }
        int quarter = digits(text, 6, 7, true);
        if (quarter < 1 || quarter > 4) {
            throw notAPeriod(text);
        }
        return LocalDate.of(digits(text, 0, 4, true), (quarter - 1) * 3 + 1, 1);
    }

    /**
     * {@code YYYY-MM-DDTHH} in UTC; also accepts minutes and seconds of zero and a trailing {@code Z} or
     * {@code +00}, as an hour read back from a TIMESTAMP prints.
     */
    private long utcHour(String text) {
        if (text.length() < 13 || (text.charAt(10) != 'T' && text.charAt(10) != ' ')) {
            throw notAPeriod(text);
        }
        String rest = text.substring(13);
        if (!rest.isEmpty() && !rest.matches("(:00(:00(\\.0+)?)?)?(Z|\\+00(:?00)?)?")) {
            throw notAPeriod(text);
        }
        LocalDateTime hour = day(text.substring(0, 10)).atTime(digits(text, 11, 13, true), 0);
        return hour.toEpochSecond(ZoneOffset.UTC) / 3600;
    }

    /** {@code YYYY-MM-DDTHH±hh} (EIA's TZH), also {@code ±hh:mm} and {@code ±hhmm}. */
    private Period localHour(String text) {
        if (text.length() < 16 || text.charAt(10) != 'T' || (text.charAt(13) != '-' && text.charAt(13) != '+')) {
            throw notAPeriod(text);
        }
        String zone = text.substring(13);
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        int hours = digits(zone, 1, 3, true);
        int minutes = 0;
        if (zone.length() == 6 && zone.charAt(3) == ':') {
            minutes = digits(zone, 4, 6, true);
        } else if (zone.length() == 5) {
            minutes = digits(zone, 3, 5, true);
        } else if (zone.length() != 3) {
            throw notAPeriod(text);
        }
        ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        LocalDateTime local = day(text.substring(0, 10)).atTime(digits(text, 11, 13, true), 0);
        long epochSecond = local.toEpochSecond(offset);
        if (epochSecond % 3600 != 0) {
            throw notAPeriod(text);
        }
        return Period.ofHour(this, epochSecond / 3600, offset);
    }

    private int digits(String text, int from, int to, boolean required) {
        if (!required) {
            throw notAPeriod(text);
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw notAPeriod(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
