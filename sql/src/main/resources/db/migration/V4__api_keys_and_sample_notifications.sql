-- API keys: how people, dashboards and scripts reach the api. Scoped to one tenant; only
-- a SHA-256 of each key is kept (keys are 256-bit random strings, see V1 on tokens).
-- Later authentication (JWT, MFA) resolves to the same tenant scope, so it adds a table
-- rather than changing this one.
CREATE TABLE api_keys (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    key_sha256    bytea       NOT NULL UNIQUE CHECK (length(key_sha256) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    UNIQUE (tenant_id, name)
);

-- Live metrics: every stored batch notifies channel secumon_samples with
-- '<tenant_id>:<agent_id>' when its transaction commits (NOTIFY is transactional), so an
-- api instance pushes new values to WebSocket clients without polling and whichever
-- process stored them. Payloads of one transaction with the same text are folded into one.
CREATE FUNCTION secumon_notify_samples() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('secumon_samples', NEW.tenant_id::text || ':' || NEW.agent_id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER ingested_batches_notify
    AFTER INSERT ON ingested_batches
    FOR EACH ROW EXECUTE FUNCTION secumon_notify_samples();
