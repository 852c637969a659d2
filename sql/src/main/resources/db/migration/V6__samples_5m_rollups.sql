-- Five-minute rollups of samples: per series and 5-minute bucket (aligned on the Unix
-- epoch, like date_bin), the count, sum, minimum and maximum of its samples. The store
-- upserts them in the same transaction as the samples, so they are exactly as complete as
-- the samples and a redelivered batch (skipped by ingested_batches) never counts twice.
-- Range queries at 5-minute or coarser resolution read these instead of every sample:
-- a day of one series is 288 rows instead of 1,440 at one sample a minute, and far fewer
-- than that for agents that send more often. The key carries the aggregates so that a
-- chart is read from the index alone: the rows of one series are spread over the table in
-- arrival order, one heap page each (measured on a day of 1,000 agents x 50 series: a
-- 4-series chart 2.7 ms -> 0.6 ms). The price is that updating a bucket is never a HOT
-- update; a bucket is updated once per batch only while it is current.
DO $$
DECLARE
    timescale boolean := EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb');
BEGIN
    EXECUTE 'CREATE TABLE samples_5m (
                 series_id  bigint           NOT NULL,
                 tenant_id  uuid             NOT NULL,
                 bucket     timestamptz      NOT NULL,
                 count      integer          NOT NULL,
                 sum        double precision NOT NULL,
                 min        double precision NOT NULL,
                 max        double precision NOT NULL,
                 PRIMARY KEY (series_id, bucket) INCLUDE (count, sum, min, max)
             )' || CASE WHEN timescale THEN '' ELSE ' PARTITION BY RANGE (bucket)' END;
    IF timescale THEN
        PERFORM create_hypertable('samples_5m', 'bucket', chunk_time_interval => interval '7 days');
    ELSE
        -- Partitioned by UTC day like samples, and by the same function, so that retention
        -- can drop a day of both alike.
        CREATE TABLE samples_5m_default PARTITION OF samples_5m DEFAULT;
    END IF;
END
$$;

-- Creates the day partition `<parent>_pYYYYMMDD` of a table partitioned on `time_column`
-- unless it exists. Serialised by one advisory lock for all such tables.
CREATE FUNCTION secumon_ensure_day_partition(parent text, time_column text, day date) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    part text := format('%s_p%s', parent, to_char(day, 'YYYYMMDD'));
    in_default boolean;
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('secumon_samples_partition'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    -- Rows for this day that already fell into the default partition would violate the
    -- new partition's range: leave such a day in the default partition.
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE %I >= $1 AND %I < $2)',
                   parent || '_default', time_column, time_column)
       INTO in_default USING day::timestamptz, (day + 1)::timestamptz;
    IF in_default THEN
        RETURN;
    END IF;
    BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                       part, parent, day::timestamptz, (day + 1)::timestamptz);
    EXCEPTION WHEN duplicate_table THEN
        -- A concurrent caller created it: our catalog snapshot predates its commit even
        -- after the lock, so the re-check above can miss it.
        NULL;
    END;
END
$$;
ALTER FUNCTION secumon_ensure_day_partition(text, text, date) SET timezone = 'UTC';

-- The day partitions of samples and of its rollups (or nothing under TimescaleDB).
CREATE OR REPLACE FUNCTION secumon_ensure_samples_partition(day date) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb') THEN
        RETURN;
    END IF;
    PERFORM secumon_ensure_day_partition('samples', 'ts', day);
    PERFORM secumon_ensure_day_partition('samples_5m', 'bucket', day);
END
$$;
ALTER FUNCTION secumon_ensure_samples_partition(date) SET timezone = 'UTC';

-- Recomputes the rollups of the 5-minute buckets that overlap [from_ts, to_ts) from the
-- samples: for data that reached samples without the store (a bulk import, a benchmark's
-- load) and for the samples stored before this migration. Returns the buckets written.
-- Run it only over a span nothing is storing into at the time: a batch stored between its
-- DELETE and INSERT would be counted twice.
CREATE FUNCTION secumon_rollup_samples(from_ts timestamptz, to_ts timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    first_bucket timestamptz := date_bin(interval '5 minutes', from_ts, timestamptz 'epoch');
    end_bucket timestamptz := date_bin(interval '5 minutes', to_ts - interval '1 microsecond',
                                       timestamptz 'epoch') + interval '5 minutes';
    written bigint;
BEGIN
    -- A rollup day gets its own partition where its samples have one (not for days kept
    -- in the samples' default partition, nor under TimescaleDB).
    PERFORM secumon_ensure_day_partition('samples_5m', 'bucket', d::date)
       FROM generate_series(first_bucket::date, end_bucket::date, interval '1 day') AS d
      WHERE to_regclass(format('samples_p%s', to_char(d, 'YYYYMMDD'))) IS NOT NULL;
    DELETE FROM samples_5m WHERE bucket >= first_bucket AND bucket < end_bucket;
    INSERT INTO samples_5m (series_id, tenant_id, bucket, count, sum, min, max)
    SELECT series_id, tenant_id, date_bin(interval '5 minutes', ts, timestamptz 'epoch'),
           count(*), sum(value), min(value), max(value)
      FROM samples
     WHERE ts >= first_bucket AND ts < end_bucket
     GROUP BY 1, 2, 3;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END
$$;
ALTER FUNCTION secumon_rollup_samples(timestamptz, timestamptz) SET timezone = 'UTC';

-- Rollups for what is stored already.
SELECT secumon_rollup_samples(min(ts), max(ts) + interval '1 microsecond') FROM samples HAVING count(*) > 0;
