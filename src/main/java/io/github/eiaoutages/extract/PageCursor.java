package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.period.PeriodRange;
import it.unimi.dsi.fastutil.longs.Long2IntMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where one dataset's paging stands within a run: which offset to ask for next and whether more pages follow.
 * Lives in the exchange for the length of the page loop; the route asks it {@link #hasMore()}.
 */
public final class PageCursor implements EiaRequest {

    private final DatasetSpec dataset;
    private final String url;
    private final int length;
    private final String start;
    private final String end;
    private final int maxPages;
    private final boolean backfill;
    private final PeriodRange gap;
    private int offset;
    private volatile int pages;
    private volatile long rowsReceived;
    private long rowsRejected;
    private volatile Long lastTotal;
    private volatile boolean done;
    /**
     * The rows (key and values) received in this window, each counted as often as it came on any one page: what
     * EIA's total is checked against. A row that came again on another page counts once, so paging that repeated
     * rows and skipped others shows; a row EIA sent twice on one page, or two versions of one key, count as EIA counts
     * them (a conflict is reported as such).
     */
    private final Long2IntOpenHashMap rowCounts = new Long2IntOpenHashMap();

    private final Long2IntOpenHashMap rejectCounts = new Long2IntOpenHashMap();
    private long rowsCounted;
    private long rejectsCounted;
    private String firstRejectReason;
    private final Attempts attempts = new Attempts();
    private boolean fetchedAgain;
    private boolean completenessChecked;
    private String shortfall;
    /** Order-free hash of the previous page's rows, to see a server that answers every offset alike. */
    private long previousPageHash;
    /** Shared by the windows of one plan: set when one of them failed for good. */
    private java.util.concurrent.atomic.AtomicBoolean siblingFailed = new java.util.concurrent.atomic.AtomicBoolean();

    private long rowsOutside;
    private String firstOutside;
    /** The last period a row may have when the window is open-ended; null = no bound (forecasts). */
    private Period latest;

    private Period first;
    private Period last;

    /**
     * @param start first period to ask for, in the dataset's period format
     * @param end last period (inclusive), or null for everything EIA has from {@code start} on
     * @param backfill true when the dataset has no rows yet (this window is part of its first fetch)
     */
    PageCursor(DatasetSpec dataset, String url, int length, String start, String end, int maxPages, boolean backfill) {
        this(dataset, url, length, start, end, maxPages, backfill, null);
    }

    /** @param gap the gap this window fetches again ({@code fill-gaps}), or null */
    PageCursor(
            DatasetSpec dataset,
            String url,
            int length,
            String start,
            String end,
            int maxPages,
            boolean backfill,
            PeriodRange gap) {
        this.dataset = dataset;
        this.url = url;
        this.length = length;
        this.start = start;
        this.end = end;
        this.maxPages = maxPages;
        this.backfill = backfill;
        this.gap = gap;
    }

    /** Links the windows of one plan: when one fails for good, the others stop after their current page. */
    static void siblings(List<PageCursor> windows) {
        java.util.concurrent.atomic.AtomicBoolean shared = new java.util.concurrent.atomic.AtomicBoolean();
        windows.forEach(window -> window.siblingFailed = shared);
    }

    /** This window failed for good (no retry left, or EIA asked to wait past the budget): its siblings stop. */
    public void failed() {
        siblingFailed.set(true);
    }

    /**
     * Bounds an open-ended window at {@code latest} (the period after the one that holds now), or leaves it unbounded
     * (null) for a dataset whose periods run ahead of time.
     */
    void bound(Period latest) {
        this.latest = latest;
    }

    /**
     * Why a typed row cannot belong to this window, or null when it can: its period lies before the window's first
     * period or after its last (or after {@link #bound the period after now} for an open-ended one). Weekly labels may
     * fall up to six days off the window's weekday, and a local hour's offset may move it a day, so those bounds are
     * that much wider.
     */
    public String outsideWindow(Object[] values) {
        String reason = outsideReason(values);
        if (reason != null) {
            synchronized (this) {
                rowsOutside++;
                if (firstOutside == null) {
                    firstOutside = reason;
                }
            }
        }
        return reason;
    }

    /**
     * Rows of this window that EIA sent with a period outside it (or in the future): quarantined, and the run is
     * degraded, since an API answering outside the query casts doubt on the rest. Counted again on a second fetch.
     */
    public synchronized String outsideSummary() {
        return rowsOutside == 0
                ? null
                : rowsOutside + " row(s) with periods outside the window asked for, quarantined (" + firstOutside + ")";
    }

    private String outsideReason(Object[] values) {
        if (first == null) {
            first = dataset.frequency().parse(start);
            last = end == null ? null : dataset.frequency().parse(end);
        }
        Period period = dataset.frequency().fromStored(values[dataset.period().index()], java.time.ZoneOffset.UTC);
        long slack = dataset.frequency() == io.github.eiaoutages.period.Frequency.WEEKLY
                ? 6
                : dataset.frequency().hourly() ? 24 : 0;
        if (period.ordinal() < first.ordinal() - slack) {
            return "period " + period.label() + " lies before the window asked for (" + window()
                    + "): EIA sent a row it " + "was not asked for";
        }
        Period upper = last != null ? last : latest;
        if (upper != null && period.ordinal() > upper.ordinal() + slack) {
            return last != null
                    ? "period " + period.label() + " lies after the window asked for (" + window()
                            + "): EIA sent a row it " + "was not asked for"
                    : "period " + period.label() + " lies in the future (after " + upper.label()
                            + "): not history; a dataset "
                            + "whose periods run ahead of time (forecasts) needs future-periods: true";
        }
        return null;
    }

    /** The first period this cursor asks for, in the dataset's format. */
    public String firstPeriod() {
        return start;
    }

    /** The last period this cursor asks for (inclusive), in the dataset's format; null when open-ended (up to now). */
    public String lastPeriod() {
        return end;
    }

    /** The periods this cursor asks for, for logs and progress: {@code 2007-01-01..2007-12-31}. */
    public String window() {
        return start + ".." + (end == null ? "" : end);
    }

    /**
     * Whether another page is due. Asked by the page loop after each page has been stored, so the completeness
     * check of a finished window sees all of its keys.
     */
    public synchronized boolean hasMore() {
        if (siblingFailed.get()) {
            // Another window of the same run and dataset failed for good: the run fails, its rows are not committed,
            // and further pages would only spend EIA's allowance (after a long Retry-After, against its wish).
            done = true;
            return false;
        }
        if (done && !completenessChecked) {
            completenessChecked = true;
            checkComplete();
        }
        return !done;
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    @Override
    public Attempts attempts() {
        return attempts;
    }

    @Override
    public String describe() {
        return "window " + window() + ", page " + (pages + 1) + " (offset " + offset + ")";
    }

    /** The data URL of the dataset, without query and without key. */
    @Override
    public String url() {
        return url;
    }

    /**
     * The query of the next page, encoded (Tomcat and other servers reject raw brackets). Sorted on the full
     * key: EIA pages without a total order have returned duplicated and missing rows across pages.
     */
    @Override
    public String query() {
        StringBuilder q = new StringBuilder(256);
        param(q, "frequency", dataset.frequency().eiaName());
        List<String> data = dataset.data();
        for (int i = 0; i < data.size(); i++) {
            param(q, "data[" + i + "]", data.get(i));
        }
        for (Map.Entry<String, List<String>> facet : dataset.facets().entrySet()) {
            for (String value : facet.getValue()) {
                param(q, "facets[" + facet.getKey() + "][]", value);
            }
        }
        param(q, "start", start);
        if (end != null) {
            param(q, "end", end);
        }
        // Period first, then the rest of the key: a window's rows then arrive in period order, and so fill its
        // Parquet parts in period order (raw.RawPartKey), which lets a run read only the parts its windows overlap.
        List<FieldSpec> key = new java.util.ArrayList<>(dataset.keyFields());
        key.sort(java.util.Comparator.comparing(f -> !f.equals(dataset.period())));
        for (int i = 0; i < key.size(); i++) {
            param(q, "sort[" + i + "][column]", key.get(i).name());
            param(q, "sort[" + i + "][direction]", "asc");
        }
        param(q, "offset", Integer.toString(offset));
        param(q, "length", Integer.toString(length));
        return q.toString();
    }

    /**
     * Takes a fetched page into account. Paging stops on a short or empty page only: EIA's {@code total} is
     * advisory (on the facility route it counts generators, not the rows it returns) and an empty page past the
     * end still says "incomplete return".
     */
    synchronized EiaPage advance(EiaPage page) {
        attempts.reset();
        pages++;
        rowsReceived += page.received();
        List<RejectedRow> rejects = newRejects(page.rejects());
        rowsRejected += rejects.size();
        if (firstRejectReason == null && !rejects.isEmpty()) {
            firstRejectReason = rejects.get(0).reason();
        }
        lastTotal = page.total();
        offset += page.received();
        if (page.received() < length) {
            done = true;
        } else if (pages >= maxPages) {
            throw new EiaResponseException(
                    "Paging " + dataset.id() + " did not end after " + maxPages
                            + " pages; EIA may be ignoring offset. Raise pipeline.eia.max-pages-per-run if the dataset is that large");
        }
        return rejects.size() == page.rejects().size()
                ? page
                : new EiaPage(page.total(), page.received(), page.rows(), rejects);
    }

    /**
     * The page's rejected rows that this window has not quarantined yet: a window fetched again for completeness
     * returns the same bad rows, which must be quarantined and counted once.
     */
    private List<RejectedRow> newRejects(List<RejectedRow> rejects) {
        if (rejects.isEmpty()) {
            return rejects;
        }
        long[] hashes = new long[rejects.size()];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = rejects.get(i).row().toString().hashCode() * 31L
                    + rejects.get(i).reason().hashCode();
        }
        List<RejectedRow> fresh = new ArrayList<>();
        Long2IntOpenHashMap onPage = new Long2IntOpenHashMap();
        for (int i = 0; i < hashes.length; i++) {
            if (onPage.addTo(hashes[i], 1) + 1 > rejectCounts.get(hashes[i])) {
                fresh.add(rejects.get(i));
            }
        }
        rejectsCounted += merge(rejectCounts, onPage);
        return fresh;
    }

    /** Takes the larger count of each row, page against window; returns how much the window's total grew. */
    private static long merge(Long2IntOpenHashMap window, Long2IntOpenHashMap page) {
        long grown = 0;
        for (Long2IntMap.Entry entry : page.long2IntEntrySet()) {
            int before = window.get(entry.getLongKey());
            if (entry.getIntValue() > before) {
                window.put(entry.getLongKey(), entry.getIntValue());
                grown += entry.getIntValue() - before;
            }
        }
        return grown;
    }

    /**
     * Where EIA's total can be trusted ({@code total-is-reliable}), a window whose distinct rows (plus rows that
     * could not be typed) fall short of it is fetched once more from offset 0: paging has returned rows twice and
     * skipped others. Still short, the shortfall is reported instead of passing in silence.
     */
    private void checkComplete() {
        Long total = lastTotal;
        long seen = rowsCounted + rejectsCounted;
        if (!dataset.totalIsReliable() || total == null || seen >= total) {
            return;
        }
        if (!fetchedAgain) {
            fetchedAgain = true;
            completenessChecked = false;
            offset = 0;
            previousPageHash = 0;
            done = false;
            return;
        }
        shortfall = "window " + window() + " has " + seen + " distinct rows of the " + total
                + " EIA's total announces, after fetching it twice";
    }

    /** Notes the typed rows this window received (fingerprints of dataset, key and values). */
    public synchronized void sawRows(long[] rowFingerprints, int count) {
        Long2IntOpenHashMap onPage = new Long2IntOpenHashMap();
        long pageHash = count;
        for (int i = 0; i < count; i++) {
            onPage.addTo(rowFingerprints[i], 1);
            // Order-free: the same rows in another order are the same page.
            pageHash += rowFingerprints[i] * 0x9E3779B97F4A7C15L;
        }
        rowsCounted += merge(rowCounts, onPage);
        // A full page with exactly the rows of the page before it: the server ignores offset (a proxy or mirror that
        // drops it), and every further page would be the same. Stop the window instead of paging up to max-pages.
        int pageOffset = offset - count;
        if (count > 0 && count == length && pageHash == previousPageHash && pageOffset > 0 && !done) {
            done = true;
            completenessChecked = true;
            shortfall = "window " + window() + ": EIA answered offset " + pageOffset + " with the same " + count
                    + " rows as offset " + (pageOffset - length) + " (the server ignores offset); paging stopped, the "
                    + "window is incomplete";
        }
        previousPageHash = pageHash;
    }

    /** Why the window is short of EIA's total after a second fetch, or null when it is complete (or unchecked). */
    public synchronized String shortfall() {
        return shortfall;
    }

    /** The reason the first row this window could not type was quarantined, or null. */
    public synchronized String firstRejectReason() {
        return firstRejectReason;
    }

    /**
     * The gap ({@code fill-gaps}) this window fetches again, whole: a long gap takes several windows, and it is still
     * empty only when none of them received a row. Null for every other window.
     */
    public PeriodRange gap() {
        return gap;
    }

    /** True when the dataset had no rows yet and this window is part of its backfill. */
    public boolean backfill() {
        return backfill;
    }

    /** Rows asked for per page ({@code length}). */
    public int length() {
        return length;
    }

    public int pages() {
        return pages;
    }

    public long rowsReceived() {
        return rowsReceived;
    }

    public long rowsRejected() {
        return rowsRejected;
    }

    /** Pages this window will take, estimated from EIA's advisory total once the first page is in. */
    public int expectedPages() {
        Long total = lastTotal;
        if (total == null) {
            return Math.max(pages, 1);
        }
        return (int) Math.max(pages + (done ? 0 : 1), Math.min(Integer.MAX_VALUE, (total + length - 1) / length));
    }

    private static void param(StringBuilder q, String name, String value) {
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
