package io.github.eiaoutages.coverage;

import io.github.eiaoutages.period.Frequency;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.period.PeriodRange;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The gaps between the periods a dataset holds: ranges of periods with no row at all, each written as labels a user
 * can pass back to {@code POST /refresh?dataset=&start=&end=} to fetch it again.
 */
final class Gaps {

    /** Labels on each side of a gap that vote for the weekday a weekly series is labelled on. */
    private static final int WEEKDAY_VOTERS = 4;

    private Gaps() {}

    /**
     * The gaps between {@code stored} periods (one frequency, oldest first, no duplicates), oldest first.
     *
     * <p>Weekly series are labelled on one weekday, but EIA moves a week's label to another day now and then (a
     * holiday: Thursday 2025-03-06 in a Friday series). Neighbours are whole weeks apart after rounding
     * ({@link Period#stepsUntil}), and a gap is named by the series' own weekday near it: between Thursday 03-06 and
     * Friday 03-21 the missing week is Friday 03-14, not Thursday 03-13, the label EIA most likely gives it.
     */
    static List<PeriodRange> between(List<Period> stored) {
        List<PeriodRange> gaps = new ArrayList<>();
        for (int i = 1; i < stored.size(); i++) {
            Period previous = stored.get(i - 1);
            long missing = previous.stepsUntil(stored.get(i)) - 1;
            if (missing < 1) {
                continue;
            }
            Period first = previous.plus(1);
            Period last = previous.plus(missing);
            if (previous.frequency() == Frequency.WEEKLY) {
                DayOfWeek weekday = usualWeekday(stored, i);
                first = onWeekday(first, weekday);
                last = onWeekday(last, weekday);
            }
            gaps.add(new PeriodRange(first, last));
        }
        return gaps;
    }

    /**
     * The weekday most labels around the gap before {@code stored[next]} fall on; on a tie the weekday of the label
     * before the gap, then of the one after it. Counted near the gap, not over the whole series: EIA has changed the
     * day a route names its weeks by over the years.
     */
    private static DayOfWeek usualWeekday(List<Period> stored, int next) {
        Map<DayOfWeek, Integer> votes = new EnumMap<>(DayOfWeek.class);
        for (int i = Math.max(0, next - WEEKDAY_VOTERS); i < Math.min(stored.size(), next + WEEKDAY_VOTERS); i++) {
            votes.merge(stored.get(i).firstDay().getDayOfWeek(), 1, Integer::sum);
        }
        DayOfWeek before = stored.get(next - 1).firstDay().getDayOfWeek();
        DayOfWeek after = stored.get(next).firstDay().getDayOfWeek();
        DayOfWeek usual = votes.get(after) > votes.get(before) ? after : before;
        for (Map.Entry<DayOfWeek, Integer> vote : votes.entrySet()) {
            if (vote.getValue() > votes.get(usual)) {
                usual = vote.getKey();
            }
        }
        return usual;
    }

    /**
     * The day of {@code weekday} within 3 days of {@code week}'s label. It stays strictly between the gap's
     * neighbours: with steps rounded to whole weeks, a missing week's label lies at least 4 days from either.
     */
    private static Period onWeekday(Period week, DayOfWeek weekday) {
        LocalDate day = week.firstDay();
        int shift = Math.floorMod(weekday.getValue() - day.getDayOfWeek().getValue(), 7);
        return Frequency.WEEKLY.parse(
                day.plusDays(shift > 3 ? shift - 7 : shift).toString());
    }
}
