-- Labels an agent reports (its configuration's `labels`) are kept apart from the labels an
-- operator sets through the api: until now the store wrote the agent's into `labels`, so a
-- label set with PATCH was gone at the agent's next batch. `labels` is the operator's now;
-- filters match the effective set, the agent's overlaid by the operator's
-- (`reported_labels || labels`: on a key both have, the operator's value wins).
ALTER TABLE agents ADD COLUMN reported_labels jsonb NOT NULL DEFAULT '{}';
CREATE INDEX agents_effective_labels ON agents USING gin ((reported_labels || labels));
