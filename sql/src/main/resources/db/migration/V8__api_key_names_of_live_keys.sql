-- A key name is unique among a tenant's live keys only: after revoking "grafana", an
-- operator issues a new "grafana" (rotation) instead of inventing "grafana-2". Revoked rows
-- stay, with their names, for the record.
ALTER TABLE api_keys DROP CONSTRAINT api_keys_tenant_id_name_key;
CREATE UNIQUE INDEX api_keys_live_name ON api_keys (tenant_id, name) WHERE revoked_at IS NULL;
