-- Clustered mode (pipeline.cluster.enabled): the state every instance shares. Applied by Flyway at startup;
-- Quartz's own tables follow in version 2 (cluster.QuartzTables, from the script inside the quartz jar).

-- The one active run of the cluster. One row; run_id is null while no run is active. epoch grows with every run
-- started, so an instance that was stopped past expires_at and taken over can tell at its commit (fencing).
CREATE TABLE pipeline_run_lease (
    id          smallint PRIMARY KEY CHECK (id = 1),
    run_id      text,
    instance    text,
    -- the run's datasets, comma-separated: a scheduled run of another dataset waits instead of being skipped
    datasets    text,
    epoch       bigint NOT NULL DEFAULT 0,
    expires_at  timestamptz
);
INSERT INTO pipeline_run_lease (id) VALUES (1);

-- Run records (GET /runs on every instance): the JSON of run.RunRecord, rewritten while the run is active (its
-- progress) and once when it ends. A record that has ended is never rewritten.
CREATE TABLE pipeline_runs (
    run_id      text PRIMARY KEY,
    instance    text NOT NULL,
    status      text NOT NULL,
    record      jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

-- What became of each scheduled fire: claimed, then run or skipped (with why); missed = Quartz's misfire. The key
-- makes a second instance's claim of the same fire fail.
CREATE TABLE pipeline_schedule_fires (
    dataset       text NOT NULL,
    scheduled_at  timestamptz NOT NULL,
    instance      text NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('claimed', 'run', 'skipped', 'missed')),
    run_id        text,
    reason        text,
    recorded_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset, scheduled_at)
);

-- The model snapshot every instance serves (modeled/snapshots/<snapshot_id>), set at each publication.
CREATE TABLE pipeline_snapshot (
    id            smallint PRIMARY KEY CHECK (id = 1),
    snapshot_id   text,
    instance      text,
    published_at  timestamptz
);
INSERT INTO pipeline_snapshot (id) VALUES (1);
