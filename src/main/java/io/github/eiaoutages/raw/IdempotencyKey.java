package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a stored row: dataset, key fields and the values it carried, folded into 64 bits.
 *
 * <p>Values are part of the key so that a row EIA revised is stored again as a revision, while an identical
 * row is a duplicate. Typed values are hashed, not the text, so {@code "907"} and {@code 907.0} are the same.
 * 64 bits keep millions of keys in a primitive set; a collision needs ~4 billion rows to become likely.
 */
final class IdempotencyKey {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static final HexFormat HEX = HexFormat.of();

    private IdempotencyKey() {
    }

    /** Fingerprint of the whole row: dataset, key fields and values. Equal only for an identical row. */
    static long rowFingerprint(DatasetSpec dataset, Object[] values) {
        StringBuilder text = keyText(dataset, values).append('\u001e');
        for (FieldSpec field : dataset.valueFields()) {
            Object value = values[field.index()];
            text.append('\u001f').append(value == null ? "\u0000" : value.toString());
        }
        return hash(text);
    }

    /** Fingerprint of the row's identity alone: equal for every revision of the same period and key. */
    static long keyFingerprint(DatasetSpec dataset, Object[] values) {
        return hash(keyText(dataset, values));
    }

    /**
     * The form the idempotent consumer carries: row fingerprint, key fingerprint (16 hex digits each), dataset.
     * The repository needs the key fingerprint to tell a revision from a new row, and the dataset to count it.
     */
    static String format(long rowFingerprint, long keyFingerprint, String dataset) {
        return HEX.toHexDigits(rowFingerprint) + HEX.toHexDigits(keyFingerprint) + dataset;
    }

    static long rowPart(String key) {
        return HexFormat.fromHexDigitsToLong(key, 0, 16);
    }

    static long keyPart(String key) {
        return HexFormat.fromHexDigitsToLong(key, 16, 32);
    }

    static String datasetPart(String key) {
        return key.substring(32);
    }

    private static StringBuilder keyText(DatasetSpec dataset, Object[] values) {
        StringBuilder text = new StringBuilder(96).append(dataset.id());
        for (FieldSpec field : dataset.keyFields()) {
            text.append('\u001f').append(values[field.index()]);
        }
        return text;
    }

    private static long hash(CharSequence text) {
        byte[] hash = SHA256.get().digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
    }
}
