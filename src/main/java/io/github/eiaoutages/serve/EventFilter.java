package io.github.eiaoutages.serve;

import java.util.Arrays;

/**
 * Plans and runs the filters of {@code GET /data} on a {@link ServingTable} through its {@link ServingIndex}. It
 * starts from the most selective index (the events of the plants asked for, the ongoing events, or the start-day
 * slice - events are held by start day), checks the other filters on those candidates only, and never allocates per
 * event. A broad filter is counted (from index sizes when it can be, else in one pass over the slice) and its page
 * found by walking the sort order only until the page is full. A query over 500,000 events costs well under a
 * millisecond.
 *
 * <p>A new filter on an event's own fields is a field here, set from the {@link DataQuery}, and its test in
 * {@link #inSlice}; every plan goes through that test. (A plant's attribute is {@link PlantFilter}'s.)
 */
final class EventFilter {

    /** Up to this many candidates, sorting the matches is cheaper than a bitmap or a walk over all events. */
    private static final int SORT_AT_MOST = 4096;

    private final ServingTable t;
    private final ServingIndex ix;
    private final int firstDay;
    private final int lastDay;
    private final int minHours;
    private final Boolean ongoing;
    private final boolean[] plants;
    /** False when only the plants (and the start day) are tested, so counts can come from index sizes. */
    private final boolean testsFields;

    /** One page of the matching events and how many match in all. */
    record Selection(long total, int[] page) {}

    private EventFilter(ServingIndex ix, DataQuery q) {
        this.ix = ix;
        this.t = ix.table;
        this.firstDay =
                q.startDate() == null ? Integer.MIN_VALUE : (int) q.startDate().toEpochDay();
        this.lastDay =
                q.endDate() == null ? Integer.MAX_VALUE : (int) q.endDate().toEpochDay();
        this.minHours = q.minDurationHours() == null ? Integer.MIN_VALUE : q.minDurationHours();
        this.ongoing = q.ongoing();
        this.plants = q.filtersPlants() ? q.plants().over(t.plants) : null;
        this.testsFields = q.filtersEventFields();
    }

    static Selection select(ServingIndex ix, DataQuery q, int from, int limit) {
        return new EventFilter(ix, q).select(q.sort(), from, limit);
    }

    private Selection select(EventSort sort, int from, int limit) {
        int[] few = fewCandidates();
        if (few != null) {
            return new Selection(few.length, pageOf(few, sort, from, limit));
        }
        int lo = firstDay == Integer.MIN_VALUE ? 0 : ix.firstStartingOnOrAfter(firstDay);
        int hi = lastDay == Integer.MAX_VALUE ? t.size : ix.firstStartingOnOrAfter(lastDay + 1);
        if (hi - lo <= t.size / 16 && !sort.equals(EventSort.DEFAULT)) {
            int[] matched = new int[hi - lo];
            int count = 0;
            for (int e = lo; e < hi; e++) {
                if (inSlice(e)) {
                    matched[count++] = e;
                }
            }
            return new Selection(count, pageOf(Arrays.copyOf(matched, count), sort, from, limit));
        }
        // Broad: count, then walk the sort order (index order for the default) only until the page is full.
        long count = count(lo, hi);
        long to = Math.min(count, (long) from + limit);
        // The default order is index order, where no event before the slice can match.
        return new Selection(count, walk(sort, sort.equals(EventSort.DEFAULT) ? lo : 0, from, to));
    }

    /**
     * Matches in the slice [lo, hi). When the plants are the only test left, their event lists (held by start
     * day) give it by binary search - a third of all plants costs a few hundred searches, not a pass over every
     * event - otherwise one pass counts.
     */
    private long count(int lo, int hi) {
        if (!testsFields) {
            if (plants == null) {
                return hi - lo;
            }
            long count = 0;
            for (int p = 0; p < plants.length; p++) {
                if (plants[p]) {
                    int[] events = ix.eventsByPlant[p];
                    count += insertionPoint(events, hi) - insertionPoint(events, lo);
                }
            }
            return count;
        }
        long count = 0;
        for (int e = lo; e < hi; e++) {
            count += inSlice(e) ? 1 : 0;
        }
        return count;
    }

    private static int insertionPoint(int[] sorted, int value) {
        int at = Arrays.binarySearch(sorted, value);
        return at >= 0 ? at : -at - 1;
    }

    /**
     * Matches {@code from} to {@code to} in the order of {@code sort}: that order walked, from position
     * {@code start}, until the page is full.
     */
    private int[] walk(EventSort sort, int start, long from, long to) {
        int[] page = new int[(int) Math.max(0, to - from)];
        int[] order = ix.order(sort);
        long seen = 0;
        for (int i = start; i < order.length && seen < to; i++) {
            int e = order[i];
            if (matches(e)) {
                if (seen >= from) {
                    page[(int) (seen - from)] = e;
                }
                seen++;
            }
        }
        return page;
    }

    /** The matches in default order when an index narrows them to a few (some plants, or ongoing only). */
    private int[] fewCandidates() {
        if (plants != null) {
            int candidates = 0;
            for (int p = 0; p < plants.length; p++) {
                candidates += plants[p] ? ix.eventsByPlant[p].length : 0;
            }
            if (candidates <= t.size / 8) {
                return candidates <= SORT_AT_MOST ? matchesSorted(candidates) : matchesMarked();
            }
        }
        if (Boolean.TRUE.equals(ongoing)) {
            int[] matched = new int[ix.ongoingEvents.length];
            int count = 0;
            for (int e : ix.ongoingEvents) {
                if (matches(e)) {
                    matched[count++] = e;
                }
            }
            return Arrays.copyOf(matched, count);
        }
        return null;
    }

    /** The matches among the chosen plants' events: gathered plant by plant, then back to default (index) order. */
    private int[] matchesSorted(int candidates) {
        int[] matched = new int[candidates];
        int count = 0;
        for (int p = 0; p < plants.length; p++) {
            if (plants[p]) {
                for (int e : ix.eventsByPlant[p]) {
                    if (matches(e)) {
                        matched[count++] = e;
                    }
                }
            }
        }
        Arrays.sort(matched, 0, count);
        return Arrays.copyOf(matched, count);
    }

    /**
     * The same for many candidates (a name matching a dozen plants): marking them in a bitmap and reading it in
     * order costs a pass over size / 64 words, where sorting tens of thousands of matches took milliseconds.
     */
    private int[] matchesMarked() {
        long[] marked = new long[(t.size + 63) >>> 6];
        int count = 0;
        for (int p = 0; p < plants.length; p++) {
            if (plants[p]) {
                for (int e : ix.eventsByPlant[p]) {
                    if (matches(e)) {
                        marked[e >>> 6] |= 1L << e;
                        count++;
                    }
                }
            }
        }
        int[] matched = new int[count];
        for (int w = 0, i = 0; w < marked.length; w++) {
            for (long bits = marked[w]; bits != 0; bits &= bits - 1) {
                matched[i++] = (w << 6) + Long.numberOfTrailingZeros(bits);
            }
        }
        return matched;
    }

    /**
     * Non-short-circuit {@code &}: the tests compile to flag arithmetic instead of branches, which a broad filter
     * (say, a third of all plants, scattered over the events) would mispredict half of the time.
     */
    private boolean matches(int e) {
        return t.startDay[e] >= firstDay & t.startDay[e] <= lastDay & inSlice(e);
    }

    /** The tests other than the start day, which the slice of a scan already satisfies. */
    private boolean inSlice(int e) {
        return (minHours == Integer.MIN_VALUE || t.durationHours[e] >= minHours)
                & (ongoing == null || t.ongoing[e] == ongoing)
                & (plants == null || plants[t.plant[e]]);
    }

    /** One page of a few matches (in default order) in the order of {@code sort}. */
    private int[] pageOf(int[] matched, EventSort sort, int from, int limit) {
        int to = (int) Math.min(matched.length, (long) from + limit);
        if (from >= to) {
            return new int[0];
        }
        if (sort.equals(EventSort.DEFAULT)) {
            return Arrays.copyOfRange(matched, from, to);
        }
        // Walking the sort order to the page's end passes about to * size / matches events; sorting the matches
        // costs matches * log(matches). A shallow page of thousands of matches is cheaper walked. (The matches are
        // exactly the events matches() accepts, which is what the walk tests.)
        if (matched.length > SORT_AT_MOST && (long) to * t.size / matched.length < 8L * matched.length) {
            return walk(sort, 0, from, to);
        }
        // A match's rank is its position in the full sort order, so sorting ranks sorts the matches.
        int[] rank = ix.rank(sort);
        int[] ranks = new int[matched.length];
        for (int i = 0; i < matched.length; i++) {
            ranks[i] = rank[matched[i]];
        }
        Arrays.sort(ranks);
        int[] order = ix.order(sort);
        int[] page = new int[to - from];
        for (int i = from; i < to; i++) {
            page[i - from] = order[ranks[i]];
        }
        return page;
    }
}
