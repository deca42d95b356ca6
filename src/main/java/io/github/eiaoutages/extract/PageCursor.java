package io.github.eiaoutages.extract;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Where one dataset's paging stands within a run: which offset to ask for next and whether more pages follow.
 * Lives in the exchange for the length of the page loop; the route asks it {@link #hasMore()}.
 */
public final class PageCursor {

    private final DatasetSpec dataset;
    private final String url;
    private final int length;
    private final String start;
    private final String end;
    private final int maxPages;
    private int offset;
    private volatile int pages;
    private volatile long rowsReceived;
    private long rowsRejected;
    private volatile Long lastTotal;
    private volatile boolean done;

    /**
     * @param start first period to ask for, in the dataset's period format
     * @param end last period (inclusive), or null for everything EIA has from {@code start} on
     */
    PageCursor(DatasetSpec dataset, String url, int length, String start, String end, int maxPages) {
        this.dataset = dataset;
        this.url = url;
        this.length = length;
        this.start = start;
        this.end = end;
        this.maxPages = maxPages;
    }

    /** The periods this cursor asks for, for logs and progress: {@code 2007-01-01..2007-12-31}. */
    public String window() {
        return start + ".." + (end == null ? "" : end);
    }

    public boolean hasMore() {
        return !done;
    }

    public DatasetSpec dataset() {
        return dataset;
    }

    /** The data URL of the dataset, without query and without key. */
    public String url() {
        return url;
    }

    /**
     * The query of the next page, encoded (Tomcat and other servers reject raw brackets). Sorted on the full
     * key: EIA pages without a total order have returned duplicated and missing rows across pages.
     */
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
        List<FieldSpec> key = dataset.keyFields();
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
    void advance(EiaPage page) {
        pages++;
        rowsReceived += page.received();
        rowsRejected += page.rejects().size();
        lastTotal = page.total();
        offset += page.received();
        if (page.received() < length) {
            done = true;
        } else if (pages >= maxPages) {
            throw new EiaResponseException("Paging " + dataset.id() + " did not end after " + maxPages
                    + " pages; EIA may be ignoring offset. Raise pipeline.eia.max-pages-per-run if the dataset is that large");
        }
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

    /** EIA's own count for the query, as last reported; advisory only. */
    public Long lastTotal() {
        return lastTotal;
    }

    public int offset() {
        return offset;
    }

    /** Pages this window will take, estimated from EIA's advisory total once the first page is in. */
    public int expectedPages() {
        Long total = lastTotal;
        if (total == null) {
            return Math.max(pages, 1);
        }
        return (int) Math.max(pages + (done ? 0 : 1), Math.min(Integer.MAX_VALUE, (total + length - 1) / length));
    }

    public boolean done() {
        return done;
    }

    private static void param(StringBuilder q, String name, String value) {
        if (!q.isEmpty()) {
            q.append('&');
        }
        q.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
