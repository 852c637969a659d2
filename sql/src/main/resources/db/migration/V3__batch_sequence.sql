-- The agent's per-batch sequence number, kept with each stored batch id: a gap in an
-- agent's sequence is a batch it numbered but the pipeline never stored. NULL when the
-- sender does not number its batches.
ALTER TABLE ingested_batches ADD COLUMN sequence bigint;
CREATE INDEX ingested_batches_agent_sequence ON ingested_batches (agent_id, sequence);
