-- Series dictionary: one row per (tenant, agent, metric, labels). Samples refer to it by
-- id so that label sets are stored once, not per sample.
CREATE TABLE series (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant_id   uuid        NOT NULL,
    agent_id    uuid        NOT NULL,
    metric      text        NOT NULL,
    labels      jsonb       NOT NULL DEFAULT '{}',
    kind        text        NOT NULL DEFAULT 'gauge' CHECK (kind IN ('gauge', 'counter')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, agent_id, metric, labels)
);
CREATE INDEX series_tenant_metric ON series (tenant_id, metric);

-- Latest value per series, for dashboards and "current state" queries without touching
-- the big table.
CREATE TABLE series_latest (
    series_id   bigint           PRIMARY KEY REFERENCES series (id) ON DELETE CASCADE,
    tenant_id   uuid             NOT NULL,
    ts          timestamptz      NOT NULL,
    value       double precision NOT NULL
);

-- Batch ids already stored: the store inserts here in the same transaction as the
-- samples, so a redelivered batch finds its id and is skipped (exactly-once storage on
-- top of at-least-once delivery).
CREATE TABLE ingested_batches (
    batch_id      uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    agent_id      uuid        NOT NULL,
    sample_count  integer     NOT NULL,
    received_at   timestamptz NOT NULL,
    committed_at  timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX ingested_batches_committed ON ingested_batches (committed_at);

-- Samples: a TimescaleDB hypertable where the extension is loaded, otherwise a natively
-- range-partitioned table with one partition per UTC day plus a default partition that
-- catches anything no day partition covers (nothing is ever rejected for lack of one).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')
       AND current_setting('shared_preload_libraries', true) LIKE '%timescaledb%' THEN
        CREATE EXTENSION IF NOT EXISTS timescaledb;
        CREATE TABLE samples (
            tenant_id  uuid             NOT NULL,
            series_id  bigint           NOT NULL,
            ts         timestamptz      NOT NULL,
            value      double precision NOT NULL
        );
        PERFORM create_hypertable('samples', 'ts', chunk_time_interval => interval '1 day');
        EXECUTE 'ALTER TABLE samples SET (timescaledb.compress, timescaledb.compress_segmentby = ''series_id'')';
        PERFORM add_compression_policy('samples', interval '7 days');
    ELSE
        CREATE TABLE samples (
            tenant_id  uuid             NOT NULL,
            series_id  bigint           NOT NULL,
            ts         timestamptz      NOT NULL,
            value      double precision NOT NULL
        ) PARTITION BY RANGE (ts);
        CREATE TABLE samples_default PARTITION OF samples DEFAULT;
    END IF;
END
$$;
CREATE INDEX samples_series_ts ON samples (series_id, ts);

-- Creates the day partition holding `day` unless it exists (or TimescaleDB manages
-- chunks). Serialised by an advisory lock so concurrent stores do not race.
CREATE FUNCTION secumon_ensure_samples_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    part text := format('samples_p%s', to_char(day, 'YYYYMMDD'));
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;
    END IF;
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('secumon_samples_partition'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    -- Rows for this day that already fell into the default partition would violate the
    -- new partition's range: leave such a day in the default partition.
    IF EXISTS (SELECT 1 FROM samples_default
               WHERE ts >= day::timestamptz AND ts < (day + 1)::timestamptz) THEN
        RETURN;
    END IF;
    BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF samples FOR VALUES FROM (%L) TO (%L)',
                       part, day::timestamptz, (day + 1)::timestamptz);
    EXCEPTION WHEN duplicate_table THEN
        -- A concurrent caller created it: our catalog snapshot predates its commit even
        -- after the lock, so the re-check above can miss it.
        NULL;
    END;
END
$$;

-- Partitions are cut on UTC days whatever the server's time zone.
ALTER FUNCTION secumon_ensure_samples_partition(date) SET timezone = 'UTC';
