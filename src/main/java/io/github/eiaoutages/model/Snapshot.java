package io.github.eiaoutages.model;

import java.nio.file.Path;

/** A published model: its id and the folder that holds its Parquet tables. */
public record Snapshot(String id, Path dir) {

    public Path table(String name) {
        return dir.resolve(name + ".parquet");
    }
}
