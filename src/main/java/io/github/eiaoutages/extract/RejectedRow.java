package io.github.eiaoutages.extract;

import java.util.Map;

/** A row EIA sent that cannot be stored as typed, kept with the reason so nothing is silently dropped. */
public record RejectedRow(String reason, Map<String, Object> row) {}
