package io.github.eiaoutages.serve;

import java.util.Arrays;

/**
 * Plans and runs the filters of {@code GET /data} on a {@link ServingTable}. It starts from the most selective
 * index (the events of the plants asked for, the ongoing events, or the start-day slice - events are held by
 * start day), checks the other filters on those candidates only, and never allocates per event: a broad filter
 * is a pass over the slice that counts and keeps the page, or marks a bitmap that the sort order is then walked
 * through until the page is full. A query over 500,000 events costs well under a millisecond.
 */
final class EventFilter {

    private final ServingTable t;
    private final int firstDay;
    private final int lastDay;
    private final int minHours;
    private final Boolean ongoing;
    private final boolean[] plants;

    /** One page of the matching events and how many match in all. */
    record Selection(long total, int[] page) {
    }

    private EventFilter(ServingTable t, DataQuery q) {
        this.t = t;
        this.firstDay = q.startDate() == null ? Integer.MIN_VALUE : (int) q.startDate().toEpochDay();
        this.lastDay = q.endDate() == null ? Integer.MAX_VALUE : (int) q.endDate().toEpochDay();
        this.minHours = q.minDurationHours() == null ? Integer.MIN_VALUE : q.minDurationHours();
        this.ongoing = q.ongoing();
        this.plants = q.filtersPlants() ? plants(t, q) : null;
    }

    static Selection select(ServingTable t, DataQuery q, int from, int limit) {
        return new EventFilter(t, q).select(q.sort(), from, limit);
    }

    private Selection select(EventSort sort, int from, int limit) {
        int[] few = fewCandidates();
        if (few != null) {
            return new Selection(few.length, pageOf(few, sort, from, limit));
        }
        int lo = firstDay == Integer.MIN_VALUE ? 0 : t.firstStartingOnOrAfter(firstDay);
        int hi = lastDay == Integer.MAX_VALUE ? t.size : t.firstStartingOnOrAfter(lastDay + 1);
        if (sort.equals(EventSort.DEFAULT)) {
            // Default order is index order: count everything, keep the page on the way.
            int[] page = new int[limit];
            int kept = 0;
            long count = 0;
            for (int e = lo; e < hi; e++) {
                boolean hit = inSlice(e);
                if (hit & count >= from & kept < limit) {
                    page[kept++] = e;
                }
                count += hit ? 1 : 0;
            }
            return new Selection(count, Arrays.copyOf(page, kept));
        }
        if (hi - lo <= t.size / 16) {
            int[] matched = new int[hi - lo];
            int count = 0;
            for (int e = lo; e < hi; e++) {
                if (inSlice(e)) {
                    matched[count++] = e;
                }
            }
            return new Selection(count, pageOf(Arrays.copyOf(matched, count), sort, from, limit));
        }
        // Broad: mark the matches, then walk the sort order until the page is full.
        long[] marked = new long[(t.size + 63) >>> 6];
        long count = 0;
        for (int e = lo; e < hi; e++) {
            long hit = inSlice(e) ? 1L : 0L;
            marked[e >>> 6] |= hit << e;
            count += hit;
        }
        long to = Math.min(count, (long) from + limit);
        int[] page = new int[(int) Math.max(0, to - from)];
        int[] order = t.order(sort);
        long seen = 0;
        for (int i = 0; i < order.length && seen < to; i++) {
            int e = order[i];
            if ((marked[e >>> 6] & (1L << e)) != 0) {
                if (seen >= from) {
                    page[(int) (seen - from)] = e;
                }
                seen++;
            }
        }
        return new Selection(count, page);
    }

    /** The matches in default order when an index narrows them to a few (some plants, or ongoing only). */
    private int[] fewCandidates() {
        if (plants != null) {
            int candidates = 0;
            for (int p = 0; p < plants.length; p++) {
                candidates += plants[p] ? t.eventsByPlant[p].length : 0;
            }
            if (candidates <= t.size / 8) {
                int[] matched = new int[candidates];
                int count = 0;
                for (int p = 0; p < plants.length; p++) {
                    if (plants[p]) {
                        for (int e : t.eventsByPlant[p]) {
                            if (matches(e)) {
                                matched[count++] = e;
                            }
                        }
                    }
                }
                // Plants were visited one after the other: back to default (index) order.
                Arrays.sort(matched, 0, count);
                return Arrays.copyOf(matched, count);
            }
        }
        if (Boolean.TRUE.equals(ongoing)) {
            int[] matched = new int[t.ongoingEvents.length];
            int count = 0;
            for (int e : t.ongoingEvents) {
                if (matches(e)) {
                    matched[count++] = e;
                }
            }
            return Arrays.copyOf(matched, count);
        }
        return null;
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
                & (ongoing == null || t.ongoing[e] == ongoing) & (plants == null || plants[t.plant[e]]);
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
        // A match's rank is its position in the full sort order, so sorting ranks sorts the matches.
        int[] rank = t.rank(sort);
        int[] ranks = new int[matched.length];
        for (int i = 0; i < matched.length; i++) {
            ranks[i] = rank[matched[i]];
        }
        Arrays.sort(ranks);
        int[] order = t.order(sort);
        int[] page = new int[to - from];
        for (int i = from; i < to; i++) {
            page[i - from] = order[ranks[i]];
        }
        return page;
    }

    private static boolean[] plants(ServingTable t, DataQuery q) {
        boolean[] allowed = new boolean[t.plants.size()];
        for (int p = 0; p < allowed.length; p++) {
            ServingTable.PlantRow plant = t.plants.get(p);
            allowed[p] = (q.facilityId() == null || q.facilityId().equals(plant.facilityId()))
                    && (q.generator() == null || q.generator().equals(plant.generatorId()))
                    && (q.plantKey() == null || q.plantKey() == plant.plantKey())
                    && (q.plantName() == null || plant.nameLowerCase().contains(q.plantName()));
        }
        return allowed;
    }
}
