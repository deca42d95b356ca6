package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The identity of a stored row: dataset, key fields and the values it carried, folded into 64 bits.
 *
 * <p>Values are part of the key so that a row EIA revised is stored again as a revision, while an identical
 * row is a duplicate. Typed values are hashed, not the text, so {@code "907"} and {@code 907.0} are the same.
 * 64 bits keep millions of keys in a primitive set; a collision needs ~4 billion rows to become likely.
 */
final class IdempotencyKey {

    private static final int SEED = 0x45494131;

    private static final HexFormat HEX = HexFormat.of();

    private IdempotencyKey() {}

    /**
     * Both fingerprints of a row, computed from one text: {@code [0]} the whole row (dataset, key fields and
     * values; equal only for an identical row), {@code [1]} its identity alone (equal for every revision of the
     * same period and key).
     */
    static long[] fingerprints(DatasetSpec dataset, Object[] values) {
        StringBuilder text = new StringBuilder(128).append(dataset.id());
        for (FieldSpec field : dataset.keyFields()) {
            text.append('\u001f').append(values[field.index()]);
        }
        int keyLength = text.length();
        text.append('\u001e');
        for (FieldSpec field : dataset.valueFields()) {
            Object value = values[field.index()];
            text.append('\u001f').append(value == null ? "\u0000" : value.toString());
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        // Key fields come first and are ASCII in practice; when they are not, hash the key text on its own.
        int keyBytes = bytes.length - (text.length() - keyLength);
        long keyFp = keyBytes == keyLength
                ? hash(bytes, keyLength)
                : hash(text.substring(0, keyLength).getBytes(StandardCharsets.UTF_8), -1);
        return new long[] {hash(bytes, bytes.length), keyFp};
    }

    /**
     * The form the idempotent consumer carries: row fingerprint, key fingerprint and the period's stored value (16 hex
     * digits each), then {@code <run id>|<dataset>}. The repository finds the run's key state by the run id, tells a
     * revision from a new row by the key fingerprint, and checks that the period's keys were loaded.
     *
     * @param period the period as stored: epoch day (day-based kinds) or epoch ms (hourly kinds)
     */
    static String format(long rowFingerprint, long keyFingerprint, long period, String runId, String dataset) {
        return HEX.toHexDigits(rowFingerprint)
                + HEX.toHexDigits(keyFingerprint)
                + HEX.toHexDigits(period)
                + runId
                + '|'
                + dataset;
    }

    static long rowPart(String key) {
        return HexFormat.fromHexDigitsToLong(key, 0, 16);
    }

    static long keyPart(String key) {
        return HexFormat.fromHexDigitsToLong(key, 16, 32);
    }

    static long periodPart(String key) {
        return HexFormat.fromHexDigitsToLong(key, 32, 48);
    }

    static String runPart(String key) {
        return key.substring(48, key.indexOf('|', 48));
    }

    static String datasetPart(String key) {
        return key.substring(key.indexOf('|', 48) + 1);
    }

    /** Murmur3 x64 128, first half: well spread and ~10x cheaper than SHA-256; an identity, not a security boundary. */
    private static long hash(byte[] bytes, int length) {
        return MurmurHash3.hash128x64(bytes, 0, length < 0 ? bytes.length : length, SEED)[0];
    }
}
