package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.extract.RejectedRow;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import it.unimi.dsi.fastutil.longs.LongSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Takes the rows of conflicting identities out of a run's staging before it commits: a key that came twice in
 * one run (across all its windows) with different values, e.g. one generator-day sent as 1242 MW out and as 0 MW
 * out. Neither row is the revision of the other, so both go to quarantine with the reason, the committed row (if
 * any) stays live, and the identity is not committed, so the next run asks for it again.
 */
@Component
class ConflictingRows {

    private final DuckDb duckDb;
    private final QuarantineWriter quarantine;

    ConflictingRows(DuckDb duckDb, QuarantineWriter quarantine) {
        this.duckDb = duckDb;
        this.quarantine = quarantine;
    }

    /**
     * What was taken out: the staged rows (whole-row fingerprints) and the identities; {@code quarantined} counts
     * every version written to quarantine, a stored one included.
     */
    record Withdrawn(LongSet rows, LongSet identities, long quarantined, java.util.SortedSet<String> periods) {}

    /**
     * Moves the staged rows of {@code identities} to quarantine and rewrites the parts without them (a part left
     * empty is deleted); a version of such a key stored by an earlier run ({@code storedVersions}, whole-row
     * fingerprints) stays live and is copied to the quarantine beside them.
     */
    Withdrawn withdraw(
            DatasetSpec dataset,
            String runId,
            List<Path> staged,
            List<Path> committed,
            LongSet identities,
            LongSet storedVersions) {
        String list = sqlList(identities);
        LongSet rows = new LongOpenHashSet();
        Map<Long, List<Map<String, Object>>> byIdentity = new LinkedHashMap<>();
        Set<Path> touched = new LinkedHashSet<>();
        try (Connection c = duckDb.connect();
                Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery(duckDb.sql("raw/conflicting_rows.sql")
                    .replace("{{parts}}", DuckDb.literal(staged))
                    .replace("{{identities}}", list))) {
                while (rs.next()) {
                    rows.add(rs.getLong(RawRecordSchema.ROW_FINGERPRINT));
                    byIdentity
                            .computeIfAbsent(rs.getLong(RawRecordSchema.KEY_FINGERPRINT), k -> new ArrayList<>())
                            .add(row(dataset, rs));
                    touched.add(Path.of(rs.getString("_part")));
                }
            }
            if (!storedVersions.isEmpty() && !committed.isEmpty()) {
                try (ResultSet rs = s.executeQuery(duckDb.sql("raw/stored_versions.sql")
                        .replace("{{parts}}", DuckDb.literal(committed))
                        .replace("{{rows}}", sqlList(storedVersions)))) {
                    while (rs.next()) {
                        byIdentity
                                .computeIfAbsent(rs.getLong(RawRecordSchema.KEY_FINGERPRINT), k -> new ArrayList<>())
                                .add(row(dataset, rs));
                    }
                }
            }
            for (Path part : touched) {
                rewriteWithout(s, part, list);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not take the conflicting rows of " + dataset.id() + " out of run " + runId + ": "
                            + e.getMessage(),
                    e);
        }
        List<RejectedRow> rejected = new ArrayList<>();
        byIdentity
                .values()
                .forEach(versions ->
                        versions.forEach(row -> rejected.add(new RejectedRow(reason(dataset, row, versions), row))));
        quarantine.keep(rejected, dataset.id(), runId);
        java.util.SortedSet<String> periods = new java.util.TreeSet<>();
        rejected.forEach(r -> periods.add(String.valueOf(r.row().get(DatasetSpec.PERIOD))));
        return new Withdrawn(rows, new LongOpenHashSet(byIdentity.keySet()), rejected.size(), periods);
    }

    /** A row as EIA sent it: field names, text values, the period as its label. */
    private static Map<String, Object> row(DatasetSpec dataset, ResultSet rs) throws SQLException {
        Map<String, Object> row = new LinkedHashMap<>();
        for (FieldSpec field : dataset.fields()) {
            Object value = rs.getObject(field.column());
            row.put(field.name(), value == null ? null : value.toString());
        }
        if (dataset.storesPeriodLabel()) {
            row.put(DatasetSpec.PERIOD, rs.getString(DatasetSpec.PERIOD_LABEL));
        }
        return row;
    }

    private static String sqlList(LongSet values) {
        return "(" + values.longStream().mapToObj(Long::toString).collect(Collectors.joining(", ")) + ")";
    }

    private void rewriteWithout(Statement s, Path part, String identities) throws SQLException {
        Path rewritten = part.resolveSibling(part.getFileName() + ".rewrite");
        s.execute(duckDb.sql("raw/part_without.sql")
                .replace("{{part}}", DuckDb.literal(part))
                .replace("{{identities}}", identities)
                .replace("{{target}}", DuckDb.literal(rewritten)));
        try (ResultSet count =
                s.executeQuery(duckDb.sql("raw/part_row_count.sql").replace("{{part}}", DuckDb.literal(rewritten)))) {
            count.next();
            if (count.getLong(1) == 0) {
                Files.delete(rewritten);
                Files.delete(part);
            } else {
                Files.move(rewritten, part, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not rewrite " + part, e);
        }
    }

    /** {@code conflict: key (period 2025-01-01, facility 46, generator 1) came 2 times …, outage 1242.0 / 0.0}. */
    private static String reason(DatasetSpec dataset, Map<String, Object> row, List<Map<String, Object>> versions) {
        String key = dataset.keyFields().stream()
                .map(f -> f.name() + " " + row.get(f.name()))
                .collect(Collectors.joining(", "));
        List<String> differing = new ArrayList<>();
        for (FieldSpec field : dataset.valueFields()) {
            Set<Object> values = versions.stream()
                    .map(v -> String.valueOf(v.get(field.name())))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            if (values.size() > 1) {
                differing.add(field.name() + " "
                        + values.stream().map(Object::toString).collect(Collectors.joining(" / ")));
            }
        }
        return "conflict: key (" + key + ") came " + versions.size() + " times in this run with different values ("
                + String.join("; ", differing)
                + "); neither is stored, a row stored earlier stays, and the next run asks again";
    }
}
