package io.github.eiaoutages.raw;

/**
 * A committed file of the raw store cannot be read (a damaged or truncated Parquet part, an unreadable manifest):
 * the run that needs it fails naming the folder and what to do, and nothing of it is committed.
 */
public class RawStoreUnreadableException extends RuntimeException {

    public RawStoreUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
