package io.github.eiaoutages.period;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Periods from {@code start} to {@code end}, both inclusive, of one frequency: a range to fetch again, or a gap.
 *
 * @param end the last period, or null for everything from {@code start} on
 */
public record PeriodRange(Period start, Period end) {

    /** Ranges a log line or message lists before it says "and N more": a store can have thousands of gaps. */
    public static final int LISTED = 10;

    public PeriodRange {
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("end " + end.label() + " is before start " + start.label());
        }
    }

    /** Periods in the range (1 for a single period); unknown (-1) when it is open-ended. */
    public long periods() {
        return end == null ? -1 : start.stepsUntil(end) + 1;
    }

    /**
     * The periods of this range that {@code other} does not hold, oldest first: none, one or two ranges (both ranges
     * bounded). A weekly piece that would hold no label (less than a week beside {@code other}) is left out.
     */
    public List<PeriodRange> minus(PeriodRange other) {
        if (other.end.isBefore(start) || other.start.isAfter(end)) {
            return List.of(this);
        }
        List<PeriodRange> left = new ArrayList<>(2);
        if (start.isBefore(other.start) && !other.start.plus(-1).isBefore(start)) {
            left.add(new PeriodRange(start, other.start.plus(-1)));
        }
        if (other.end.isBefore(end) && !other.end.plus(1).isAfter(end)) {
            left.add(new PeriodRange(other.end.plus(1), end));
        }
        return left;
    }

    /** The periods both ranges hold (both bounded), or null when they have none in common. */
    public PeriodRange overlap(PeriodRange other) {
        Period from = start.isAfter(other.start) ? start : other.start;
        Period to = end.isBefore(other.end) ? end : other.end;
        return to.isBefore(from) ? null : new PeriodRange(from, to);
    }

    /**
     * The first {@link #LISTED} ranges for a log line or message, then how many more there are:
     * {@code 2025-01-05..2025-01-07, 2025-01-12..2025-01-12 and 31 more}.
     */
    public static String listed(Collection<PeriodRange> ranges) {
        String first = ranges.stream().limit(LISTED).map(PeriodRange::toString).collect(Collectors.joining(", "));
        return ranges.size() > LISTED ? first + " and " + (ranges.size() - LISTED) + " more" : first;
    }

    @Override
    public String toString() {
        return start.label() + ".." + (end == null ? "" : end.label());
    }
}
