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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What the raw store holds of each dataset: first and newest period, rows, and for datasets marked
 * {@code expect-complete} the gaps - periods between the first and the newest with no row at all, as ranges in
 * the dataset's own format. Gaps are found with one DuckDB scan of the period column and kept until the dataset's
 * committed runs change, so health can ask as often as a probe does.
 *
 * <p>A gap a {@code fill-gaps} run fetched again and EIA sent nothing for is known to be empty ({@link EmptyPeriods}):
 * it is listed apart ({@link #emptyPeriods}) and no longer counts as a gap, so no run pays a request for it again.
 */
@Component("coverage")
public class DatasetCoverage {

    /** At most this many gaps are listed; {@code gap_count} still counts them all. */
    public static final int MAX_GAPS = 100;

    private final DatasetCatalog datasets;
    private final RawStore rawStore;
    private final DuckDb duckDb;
    private final EmptyPeriods empty;
    private final Map<String, Found> cache = new ConcurrentHashMap<>();

    DatasetCoverage(DatasetCatalog datasets, RawStore rawStore, DuckDb duckDb, EmptyPeriods empty) {
        this.datasets = datasets;
        this.rawStore = rawStore;
        this.duckDb = duckDb;
        this.empty = empty;
    }

    /** The gaps of a dataset found at some state of its committed runs. */
    private record Found(List<Path> runs, List<PeriodRange> gaps) {}

    /** The first and newest period and the rows of a dataset, from its manifests (null periods when it has none). */
    public record Extent(Period first, Period newest, long rows) {}

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
     * The gaps of an {@code expect-complete} dataset still worth asking EIA for, oldest first: those not known to be
     * empty (empty for the other datasets, or with no rows yet). Local hours are written in the offset of the
     * dataset's newest period.
     */
    public List<PeriodRange> gaps(String datasetId) {
        List<PeriodRange> gaps = found(datasetId);
        List<PeriodRange> known = gaps.isEmpty() ? List.of() : empty.of(datasetId);
        for (PeriodRange knownEmpty : known) {
            gaps = gaps.stream().flatMap(gap -> gap.minus(knownEmpty).stream()).toList();
        }
        return gaps;
    }

    /**
     * The gaps of an {@code expect-complete} dataset that EIA has no rows for, oldest first: a {@code fill-gaps} run
     * fetched them again and received nothing. They are not asked for again, but are still periods with no row.
     */
    public List<PeriodRange> emptyPeriods(String datasetId) {
        List<PeriodRange> gaps = found(datasetId);
        return gaps.isEmpty() ? List.of() : overlaps(gaps, empty.of(datasetId));
    }

    /**
     * The periods an ordinary run of the dataset fetches again besides its newest ones because their keys came with
     * conflicting values last time (until EIA answers them consistently).
     */
    public List<PeriodRange> conflictsToFetchAgain(String datasetId) {
        return rawStore.unresolvedConflicts(datasetId).stream()
                .map(period -> new PeriodRange(period, period))
                .toList();
    }

    /** The gaps an ordinary run of the dataset fetches again: all still worth asking for, when it has fill-gaps. */
    public List<PeriodRange> gapsToFill(String datasetId) {
        return datasets.get(datasetId).fillGaps() ? gaps(datasetId) : List.of();
    }

    /**
     * What a {@code routes/ingest.camel.yaml} of an earlier release asks for: conflicts and gaps together.
     *
     * @deprecated routes call {@link #conflictsToFetchAgain} and {@link #gapsToFill}
     */
    @Deprecated
    public List<PeriodRange> toFetchAgain(String datasetId) {
        List<PeriodRange> again = new ArrayList<>(conflictsToFetchAgain(datasetId));
        again.addAll(gapsToFill(datasetId));
        return again;
    }

    /**
     * After a run's raw commit: remembers the gaps it fetched again that EIA sent no row for ({@code stillEmpty},
     * per dataset) and forgets remembered periods that hold rows now (a range re-fetch, or a later run, brought
     * them). A gap another window of the run filled is not remembered.
     *
     * @return per dataset, the gaps known to be empty from now on (none when nothing new is known)
     */
    public Map<String, List<PeriodRange>> rememberEmpty(Map<String, List<PeriodRange>> stillEmpty) {
        Map<String, List<PeriodRange>> newlyKnown = new LinkedHashMap<>();
        for (DatasetSpec dataset : datasets.all()) {
            List<PeriodRange> emptied = stillEmpty.getOrDefault(dataset.id(), List.of());
            List<PeriodRange> known = empty.of(dataset.id());
            if (emptied.isEmpty() && known.isEmpty()) {
                continue;
            }
            List<PeriodRange> found = found(dataset.id());
            List<PeriodRange> fresh = overlaps(found, emptied);
            List<PeriodRange> kept = new ArrayList<>(overlaps(found, known));
            kept.addAll(fresh);
            kept.sort(Comparator.comparing(PeriodRange::start));
            if (!kept.equals(known)) {
                empty.remember(dataset.id(), kept);
            }
            if (!fresh.isEmpty()) {
                newlyKnown.put(dataset.id(), fresh);
            }
        }
        return newlyKnown;
    }

    /** The periods of {@code ranges} that {@code gaps} hold, oldest first. */
    private static List<PeriodRange> overlaps(List<PeriodRange> gaps, List<PeriodRange> ranges) {
        List<PeriodRange> common = new ArrayList<>();
        for (PeriodRange range : ranges) {
            gaps.stream().map(range::overlap).filter(Objects::nonNull).forEach(common::add);
        }
        common.sort(Comparator.comparing(PeriodRange::start));
        return common;
    }

    /** Every gap of an {@code expect-complete} dataset, known to be empty or not. */
    private List<PeriodRange> found(String datasetId) {
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

    private List<PeriodRange> find(DatasetSpec dataset) {
        List<Path> parts = rawStore.committedParts(dataset.id());
        if (parts.isEmpty()) {
            return List.of();
        }
        Period newest = extent(dataset.id()).newest();
        ZoneOffset offset = newest == null ? ZoneOffset.UTC : newest.offset();
        String epoch = dataset.frequency().hourly()
                ? "epoch_ms(" + dataset.period().column() + ")"
                : "(" + dataset.period().column() + " - DATE '1970-01-01')";
        List<Period> stored = new ArrayList<>();
        try (Connection c = duckDb.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(duckDb.sql("coverage/periods.sql")
                        .replace("{{epoch}}", epoch)
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
