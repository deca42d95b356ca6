package io.github.eiaoutages.coverage;

import io.github.eiaoutages.config.DatasetCatalog;
import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.period.PeriodRange;
import io.github.eiaoutages.raw.RawStore;
import io.github.eiaoutages.raw.RunManifest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the raw store holds of each dataset: first and newest period, rows, and for datasets marked
 * {@code expect-complete} the gaps - periods between the first and the newest with no row at all, as ranges in
 * the dataset's own format. Gaps are found with one DuckDB scan of the period column and kept until the dataset's
 * committed runs change, so health can ask as often as a probe does.
 */
@Component("coverage")
public class DatasetCoverage {

    /** At most this many gaps are listed; {@code gap_count} still counts them all. */
    public static final int MAX_GAPS = 100;

    private final DatasetCatalog datasets;
    private final RawStore rawStore;
    private final DuckDb duckDb;
    private final Map<String, Found> cache = new ConcurrentHashMap<>();

    public DatasetCoverage(DatasetCatalog datasets, RawStore rawStore, DuckDb duckDb) {
        this.datasets = datasets;
        this.rawStore = rawStore;
        this.duckDb = duckDb;
    }

    /** The gaps of a dataset found at some state of its committed runs. */
    private record Found(List<Path> runs, List<PeriodRange> gaps) {
    }

    /** The first and newest period and the rows of a dataset, from its manifests (null periods when it has none). */
    public record Extent(Period first, Period newest, long rows) {
    }

    public Extent extent(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        Period first = null;
        Period newest = null;
        long rows = 0;
        for (RunManifest manifest : rawStore.manifests(datasetId)) {
            rows += manifest.rows();
            if (manifest.periodMin() != null) {
                Period min = dataset.frequency().parse(manifest.periodMin());
                Period max = dataset.frequency().parse(manifest.periodMax());
                first = first == null || min.isBefore(first) ? min : first;
                newest = newest == null || max.isAfter(newest) ? max : newest;
            }
        }
        return new Extent(first, newest, rows);
    }

    /**
     * The gaps of an {@code expect-complete} dataset, oldest first (empty for the others, or with no rows yet).
     * Local hours are written in the offset of the dataset's newest period.
     */
    public List<PeriodRange> gaps(String datasetId) {
        DatasetSpec dataset = datasets.get(datasetId);
        if (!dataset.expectComplete()) {
            return List.of();
        }
        List<Path> runs = rawStore.committedRuns(datasetId);
        Found found = cache.get(datasetId);
        if (found == null || !found.runs().equals(runs)) {
            found = new Found(runs, find(dataset));
            cache.put(datasetId, found);
        }
        return found.gaps();
    }

    /**
     * What an ordinary run of the dataset fetches besides its newest periods: the periods whose keys came with
     * conflicting values last time (until EIA answers them consistently), and its gaps when it has fill-gaps.
     */
    public List<PeriodRange> toFetchAgain(String datasetId) {
        List<PeriodRange> again = new ArrayList<>();
        rawStore.unresolvedConflicts(datasetId).forEach(period -> again.add(new PeriodRange(period, period)));
        if (datasets.get(datasetId).fillGaps()) {
            again.addAll(gaps(datasetId));
        }
        return again;
    }

    private List<PeriodRange> find(DatasetSpec dataset) {
        List<Path> parts = rawStore.committedParts(dataset.id());
        if (parts.isEmpty()) {
            return List.of();
        }
        Period newest = extent(dataset.id()).newest();
        ZoneOffset offset = newest == null ? ZoneOffset.UTC : newest.offset();
        String epoch = dataset.frequency().hourly() ? "epoch_ms(" + dataset.period().column() + ")"
                : "(" + dataset.period().column() + " - DATE '1970-01-01')";
        List<Period> stored = new ArrayList<>();
        try (Connection c = duckDb.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(duckDb.sql("coverage/periods.sql").replace("{{epoch}}", epoch)
                     .replace("{{parts}}", DuckDb.literal(parts)))) {
            while (rs.next()) {
                stored.add(dataset.frequency().fromStored(rs.getLong(1), offset));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the periods of " + dataset.id() + ": " + e.getMessage(), e);
        }
        return Gaps.between(stored);
    }
}
