-- Tenants own everything; every other table carries tenant_id from the start so that
-- row-level isolation and per-tenant retention never need a backfill.
CREATE TABLE tenants (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agents (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    hostname      text,
    ip_addresses  text[]      NOT NULL DEFAULT '{}',
    os            text,
    os_version    text,
    arch          text,
    version       text,
    -- pending: enrolled, never seen; online/offline: derived from last_seen by the
    -- pipeline; disabled: an operator switched it off (its batches are refused).
    status        text        NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'online', 'offline', 'disabled')),
    last_seen     timestamptz,
    labels        jsonb       NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (tenant_id, name),
    UNIQUE (tenant_id, id)
);

-- Only a SHA-256 of each bearer token is kept. Tokens are 256-bit random strings, so a
-- fast hash is enough (no dictionary to attack) and lets the edge look one up by index.
CREATE TABLE agent_credentials (
    id            uuid        PRIMARY KEY,
    tenant_id     uuid        NOT NULL,
    agent_id      uuid        NOT NULL,
    token_sha256  bytea       NOT NULL UNIQUE CHECK (length(token_sha256) = 32),
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz,
    FOREIGN KEY (tenant_id, agent_id) REFERENCES agents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX agent_credentials_agent ON agent_credentials (agent_id);
