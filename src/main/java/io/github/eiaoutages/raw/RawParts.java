package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.PipelineProperties;
import io.github.eiaoutages.duckdb.DuckDb;
import io.github.eiaoutages.period.Period;
import io.github.eiaoutages.storage.StorageFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The Parquet parts of a run folder: their manifest entries (rows, bytes, SHA-256, first and last period) and their
 * order. Parts are kept sorted by period — each part a contiguous stretch of periods — so that a run loads the
 * idempotency keys of its windows from the few parts that overlap them ({@link RawStore#loadKeys}).
 */
final class RawParts {

    private final DuckDb duckDb;
    private final int rowsPerPart;

    RawParts(DuckDb duckDb, PipelineProperties properties) {
        this.duckDb = duckDb;
        this.rowsPerPart = properties.storage().rowsPerPart();
    }

    /** The manifest entries of {@code parts} and the first and last period over all of them (null when empty). */
    record Described(List<RunManifest.Part> parts, Period min, Period max) {
        long rows() {
            return parts.stream().mapToLong(RunManifest.Part::rows).sum();
        }
    }

    Described describe(DatasetSpec dataset, List<Path> parts) {
        String period = dataset.period().column();
        // The period range in the dataset's own format: the label EIA sent where rows keep one (a local hour's
        // offset is not recoverable from the instant), else the day.
        String range = dataset.storesPeriodLabel()
                ? "arg_min(" + DatasetSpec.PERIOD_LABEL + ", " + period + "), arg_max(" + DatasetSpec.PERIOD_LABEL
                        + ", " + period + ")"
                : "min(" + period + ")::VARCHAR, max(" + period + ")::VARCHAR";
        Map<String, Object[]> byFile = new LinkedHashMap<>();
        if (!parts.isEmpty()) {
            String sql = duckDb.sql("raw/part_ranges.sql")
                    .replace("{{range}}", range)
                    .replace("{{parts}}", DuckDb.literal(parts));
            try (Connection c = duckDb.connect();
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    byFile.put(Path.of(rs.getString(1)).getFileName().toString(), new Object[] {
                        rs.getLong(2),
                        dataset.frequency().parse(rs.getString(3)),
                        dataset.frequency().parse(rs.getString(4))
                    });
                }
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "The Parquet parts under " + parts.get(0).getParent() + " cannot be read: " + e.getMessage(),
                        e);
            }
        }
        List<RunManifest.Part> entries = new ArrayList<>();
        Period min = null;
        Period max = null;
        for (Path part : parts) {
            String name = part.getFileName().toString();
            Object[] found = byFile.get(name);
            if (found == null) {
                entries.add(new RunManifest.Part(name, 0, size(part), sha256(part), null, null));
                continue;
            }
            Period first = (Period) found[1];
            Period last = (Period) found[2];
            min = min == null || first.isBefore(min) ? first : min;
            max = max == null || last.isAfter(max) ? last : max;
            entries.add(
                    new RunManifest.Part(name, (long) found[0], size(part), sha256(part), first.label(), last.label()));
        }
        return new Described(entries, min, max);
    }

    /**
     * True when the parts, taken by their first period, each begin where the one before ends or later: a key load
     * of a window then reads only the parts it overlaps. A part without a recorded range (written by an earlier
     * release) is never sorted.
     */
    static boolean sorted(DatasetSpec dataset, List<RunManifest.Part> parts) {
        if (parts == null || parts.stream().anyMatch(p -> p.periodMin() == null || p.periodMax() == null)) {
            return false;
        }
        List<Period[]> ranges = parts.stream()
                .map(p -> new Period[] {
                    dataset.frequency().parse(p.periodMin()),
                    dataset.frequency().parse(p.periodMax())
                })
                .sorted(Comparator.comparing((Period[] r) -> r[0]))
                .toList();
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i)[0].isBefore(ranges.get(i - 1)[1])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Rewrites {@code parts} (all in {@code dir}) as {@code part-00001.parquet}, … ordered by period, of
     * {@code pipeline.storage.rows-per-part} rows each, and returns the new files. The originals are deleted only
     * after the sorted copy is complete; {@code dir} is a staging folder, so a crash in between leaves nothing
     * committed half-done.
     */
    List<Path> sortByPeriod(DatasetSpec dataset, Path dir, List<Path> parts) {
        Path target = dir.resolve("_sorted");
        try {
            StorageFiles.deleteTree(target);
            try (Connection c = duckDb.connect();
                    Statement s = c.createStatement()) {
                s.execute(duckDb.sql("raw/sort_parts.sql")
                        .replace("{{rows_per_part}}", Integer.toString(rowsPerPart))
                        .replace("{{period}}", dataset.period().column())
                        .replace("{{parts}}", DuckDb.literal(parts))
                        .replace("{{target}}", DuckDb.literal(target)));
            }
            List<Path> sorted = new ArrayList<>();
            try (Stream<Path> folders = Files.list(target)) {
                // _part=<n> folders in number order, not text order (_part=10 after _part=9).
                for (Path folder : folders.sorted(Comparator.comparingLong(RawParts::partNumber))
                        .toList()) {
                    sorted.addAll(StorageFiles.parquetFiles(folder));
                }
            }
            for (Path part : parts) {
                Files.delete(part);
            }
            List<Path> renamed = new ArrayList<>();
            for (Path file : sorted) {
                Path name = dir.resolve(String.format("part-%05d.parquet", renamed.size() + 1));
                Files.move(file, name, StandardCopyOption.ATOMIC_MOVE);
                renamed.add(name);
            }
            StorageFiles.deleteTree(target);
            return renamed;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not sort the Parquet parts under " + dir + " by period: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not sort the Parquet parts under " + dir + " by period", e);
        }
    }

    private static long partNumber(Path folder) {
        String name = folder.getFileName().toString();
        return Long.parseLong(name.substring(name.indexOf('=') + 1));
    }

    /** The Parquet files of a folder, by name. */
    static List<Path> list(Path dir) {
        return StorageFiles.parquetFiles(dir);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
