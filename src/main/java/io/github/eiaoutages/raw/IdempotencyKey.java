package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.DatasetSpec;
import io.github.eiaoutages.config.FieldSpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

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

    private IdempotencyKey() {
    }

    static long fingerprint(DatasetSpec dataset, Object[] values) {
        StringBuilder text = new StringBuilder(96).append(dataset.id());
        for (FieldSpec field : dataset.keyFields()) {
            text.append('\u001f').append(values[field.index()]);
        }
        text.append('\u001e');
        for (FieldSpec field : dataset.valueFields()) {
            Object value = values[field.index()];
            text.append('\u001f').append(value == null ? "\u0000" : value.toString());
        }
        MessageDigest digest = SHA256.get();
        byte[] hash = digest.digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.wrap(hash, 0, Long.BYTES).getLong();
    }

    /** The form the idempotent consumer carries: 16 hex digits. */
    static String format(long fingerprint) {
        return String.format("%016x", fingerprint);
    }

    static long parse(String key) {
        return Long.parseUnsignedLong(key, 16);
    }
}
