package io.github.eiaoutages.raw;

import io.github.eiaoutages.config.InvalidConfigurationException;
import java.nio.file.Path;

/** Another live process of this application owns the data folder. */
public class DataDirInUseException extends InvalidConfigurationException {

    public DataDirInUseException(Path dataDir) {
        super(
                "pipeline.storage.data-dir",
                "(" + dataDir.toAbsolutePath() + ") is in use by another running instance of "
                        + "this application. Stop that one, start a run in it with POST /refresh instead, or give this one "
                        + "its own data-dir and modeled-dir");
    }
}
