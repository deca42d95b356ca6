package io.github.eiaoutages.period;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;

/**
 * One period of an EIA frequency: an hour (hourly, local-hourly) or a day, month, quarter or year.
 *
 * @param frequency what kind of period this is
 * @param ordinal hours since the epoch (hourly kinds) or the epoch day of the period's first day (the others;
 *     for weekly, the day EIA names the week by)
 * @param offset the UTC offset a local-hourly label is written in; UTC for every other kind
 */
public record Period(Frequency frequency, long ordinal, ZoneOffset offset) implements Comparable<Period> {

    static Period ofDay(Frequency frequency, LocalDate day) {
        return new Period(frequency, day.toEpochDay(), ZoneOffset.UTC);
    }

    static Period ofHour(Frequency frequency, long epochHour, ZoneOffset offset) {
        return new Period(frequency, epochHour, frequency == Frequency.LOCAL_HOURLY ? offset : ZoneOffset.UTC);
    }

    /** {@code periods} steps later (or earlier, when negative), in the frequency's own steps. */
    public Period plus(long periods) {
        if (frequency.hourly()) {
            return new Period(frequency, ordinal + periods, offset);
        }
        LocalDate day = LocalDate.ofEpochDay(ordinal);
        LocalDate moved = switch (frequency) {
            case DAILY -> day.plusDays(periods);
            case WEEKLY -> day.plusDays(7 * periods);
            case MONTHLY -> day.plusMonths(periods);
            case QUARTERLY -> day.plusMonths(3 * periods);
            case ANNUAL -> day.plusYears(periods);
            default -> throw new IllegalStateException(frequency.name());
        };
        return ofDay(frequency, moved);
    }

    /**
     * The last label before this period, as an inclusive {@code end} of the window before it: the period before,
     * except for weekly data, whose weeks may not fall on the configured start's weekday, so the day before.
     */
    public Period justBefore() {
        return frequency == Frequency.WEEKLY ? new Period(frequency, ordinal - 1, offset) : plus(-1);
    }

    /** When the period begins (UTC midnight of its first day for day-based kinds). */
    public Instant start() {
        if (frequency.hourly()) {
            return Instant.ofEpochSecond(ordinal * 3600);
        }
        return LocalDate.ofEpochDay(ordinal).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** When the period is over: the start of the next one (exclusive). */
    public Instant end() {
        return plus(1).start();
    }

    /** The first day of the period (day-based kinds), or the UTC day of the hour. */
    public LocalDate firstDay() {
        return LocalDate.ofInstant(start(), ZoneOffset.UTC);
    }

    /** What a Parquet column stores: the epoch day of a DATE ({@code int}) or epoch ms of a TIMESTAMP ({@code long}). */
    public Object storedValue() {
        return frequency.hourly() ? ordinal * 3_600_000L : (Object) (int) ordinal;
    }

    /** The period as EIA writes it, e.g. {@code 2026-11-01T05}, {@code 2026-11-01T01-05}, {@code 2026-Q3}. */
    public String label() {
        return switch (frequency) {
            case HOURLY -> {
                LocalDateTime t = LocalDateTime.ofEpochSecond(ordinal * 3600, 0, ZoneOffset.UTC);
                yield t.toLocalDate() + "T" + two(t.getHour());
            }
            case LOCAL_HOURLY -> {
                OffsetDateTime t = start().atOffset(offset);
                int total = offset.getTotalSeconds() / 60;
                String zone = (total < 0 ? "-" : "+")
                        + two(Math.abs(total) / 60)
                        + (Math.abs(total) % 60 == 0 ? "" : ":" + two(Math.abs(total) % 60));
                yield t.toLocalDate() + "T" + two(t.getHour()) + zone;
            }
            case DAILY, WEEKLY -> LocalDate.ofEpochDay(ordinal).toString();
            case MONTHLY -> LocalDate.ofEpochDay(ordinal).toString().substring(0, 7);
            case QUARTERLY -> {
                LocalDate d = LocalDate.ofEpochDay(ordinal);
                yield d.getYear() + "-Q" + d.get(IsoFields.QUARTER_OF_YEAR);
            }
            case ANNUAL -> Integer.toString(LocalDate.ofEpochDay(ordinal).getYear());
        };
    }

    /**
     * Periods from this one to {@code later} ({@code later} itself not counted); negative when it is earlier.
     * Weekly steps are the day distance rounded to whole weeks: EIA labels a week on another weekday now and then
     * (a holiday), so a Friday-labelled series can hold a Thursday or a Saturday. 13 days are 2 steps (one week
     * missing between them), 8 days 1 step (none missing).
     */
    public long stepsUntil(Period later) {
        if (frequency.hourly()) {
            return later.ordinal - ordinal;
        }
        LocalDate from = LocalDate.ofEpochDay(ordinal);
        LocalDate to = LocalDate.ofEpochDay(later.ordinal);
        return switch (frequency) {
            case DAILY -> to.toEpochDay() - from.toEpochDay();
            // 7 is odd, so no distance is half-way: + 3 then floor rounds to the nearest week, either way.
            case WEEKLY -> Math.floorDiv(to.toEpochDay() - from.toEpochDay() + 3, 7);
            case MONTHLY -> (to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue());
            case QUARTERLY ->
                ((to.getYear() * 12L + to.getMonthValue()) - (from.getYear() * 12L + from.getMonthValue())) / 3;
            case ANNUAL -> to.getYear() - from.getYear();
            default -> throw new IllegalStateException(frequency.name());
        };
    }

    /** Earlier periods first; the offset of a local hour does not count (two labels of one instant are equal). */
    @Override
    public int compareTo(Period other) {
        return Long.compare(ordinal, other.ordinal);
    }

    public boolean isAfter(Period other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Period other) {
        return compareTo(other) < 0;
    }

    @Override
    public String toString() {
        return label();
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }
}
