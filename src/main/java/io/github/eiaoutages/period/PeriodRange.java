package io.github.eiaoutages.period;

/**
 * Periods from {@code start} to {@code end}, both inclusive, of one frequency: a range to fetch again, or a gap.
 *
 * @param end the last period, or null for everything from {@code start} on
 */
public record PeriodRange(Period start, Period end) {

    public PeriodRange {
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end.label() + " is before start " + start.label());
        }
    }

    /** Periods in the range (1 for a single period); unknown (-1) when it is open-ended. */
    public long periods() {
        return end == null ? -1 : start.stepsUntil(end) + 1;
    }

    @Override
    public String toString() {
        return start.label() + ".." + (end == null ? "" : end.label());
    }
}
