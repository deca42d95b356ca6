package io.github.eiaoutages.run;

/** Published when a run ends, whatever its status: metrics and health read the finished record. */
public record RunFinished(RunRecord run) {}
