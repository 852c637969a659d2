package io.secumon.api.agents;

import io.secumon.api.page.Cursor;
import io.secumon.api.page.Page;
import io.secumon.api.page.PageRequest;
import io.secumon.api.problem.ApiProblem;
import io.secumon.pipeline.credential.BearerTokens;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tenant's agents in the database. Every statement is scoped by {@code tenant_id}, which
 * callers take from the authenticated {@code Tenant}: another tenant's agent is simply not
 * found, never forbidden.
 */
final class Agents {

    private final DatabaseClient database;
    private final TransactionalOperator transactions;
    private final AgentRows rows;
    private final Clock clock;
    private final Duration offlineAfter;
    private final SecureRandom random = new SecureRandom();

    Agents(DatabaseClient database, TransactionalOperator transactions, JsonMapper json, Clock clock,
           Duration offlineAfter) {
        this.database = database;
        this.transactions = transactions;
        this.rows = new AgentRows(json);
        this.clock = clock;
        this.offlineAfter = offlineAfter;
    }

    /** One page of the agents {@code filter} selects, ordered by name (unique per tenant, so a keyset). */
    Mono<Page<Agent>> list(UUID tenant, AgentFilter filter, PageRequest page) {
        Map<String, Object> parameters = new TreeMap<>();
        StringBuilder sql = new StringBuilder("SELECT " + AgentRows.COLUMNS + " FROM agents WHERE ")
                .append(where(tenant, filter, parameters));
        page.cursor().ifPresent(cursor -> {
            sql.append(" AND name > :after_name");
            parameters.put("after_name", cursor.part(0, name -> name));
        });
        sql.append(" ORDER BY name LIMIT :limit");
        parameters.put("limit", page.limit() + 1);
        return statement(sql.toString(), parameters).map(rows::agent).all().collectList()
                .map(rows -> page.page(rows, agent -> Cursor.of(agent.name())));
    }

    /** How many agents {@code filter} selects in each status (its status filter is ignored). */
    Mono<AgentStats> stats(UUID tenant, AgentFilter filter) {
        Map<String, Object> parameters = new TreeMap<>();
        String where = where(tenant, new AgentFilter(Optional.empty(), filter.labels()), parameters);
        String sql = "SELECT count(*) AS total,"
                + " count(*) FILTER (WHERE s = 'online') AS online,"
                + " count(*) FILTER (WHERE s = 'offline') AS offline,"
                + " count(*) FILTER (WHERE s = 'pending') AS pending,"
                + " count(*) FILTER (WHERE s = 'disabled') AS disabled"
                + " FROM (SELECT " + AgentStatus.SQL + " AS s FROM agents WHERE " + where + ") a";
        return statement(sql, parameters)
                .map(row -> new AgentStats(AgentRows.count(row, "total"), AgentRows.count(row, "online"), AgentRows.count(row, "offline"),
                        AgentRows.count(row, "pending"), AgentRows.count(row, "disabled")))
                .one();
    }

    /** The agent, or a 404 problem. */
    Mono<Agent> find(UUID tenant, UUID id) {
        return statement("SELECT " + AgentRows.COLUMNS + " FROM agents WHERE tenant_id = :tenant AND id = :id",
                Map.of("tenant", tenant, "id", id))
                .map(rows::agent).one()
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("agent", id.toString())));
    }

    /**
     * Provisions an agent and its first bearer token in one transaction: a client that sees
     * the token can rely on the agent existing, and a failed request leaves neither behind.
     */
    Mono<CreatedAgent> create(UUID tenant, NewAgent agent) {
        UUID id = UUID.randomUUID();
        String token = BearerTokens.generate(random, BearerTokens.AGENT_TOKEN);
        Mono<CreatedAgent> created = statement("INSERT INTO agents (id, tenant_id, name, labels)"
                        + " VALUES (:id, :tenant, :name, CAST(:labels AS jsonb))"
                        + " ON CONFLICT (tenant_id, name) DO NOTHING RETURNING " + AgentRows.COLUMNS,
                Map.of("id", id, "tenant", tenant, "name", agent.name(), "labels", rows.labelsJson(agent.labels())))
                .map(rows::agent).one()
                .switchIfEmpty(Mono.error(() -> duplicateName(agent.name())))
                .flatMap(row -> database.sql("INSERT INTO agent_credentials (id, tenant_id, agent_id, token_sha256)"
                                + " VALUES (:id, :tenant, :agent, :hash)")
                        .bind("id", UUID.randomUUID())
                        .bind("tenant", tenant)
                        .bind("agent", id)
                        .bind("hash", ByteBuffer.wrap(BearerTokens.sha256(token)))
                        .fetch().rowsUpdated()
                        .thenReturn(new CreatedAgent(row, token)));
        return transactions.transactional(created);
    }

    /** Applies {@code changes}; 404 when there is no such agent, 409 when the new name is taken. */
    Mono<Agent> update(UUID tenant, UUID id, AgentChanges changes) {
        if (changes.isEmpty()) {
            return find(tenant, id);
        }
        Map<String, Object> parameters = new TreeMap<>(Map.of("tenant", tenant, "id", id));
        List<String> assignments = new ArrayList<>(List.of("updated_at = now()"));
        changes.name().ifPresent(name -> {
            assignments.add("name = :name");
            parameters.put("name", name);
        });
        changes.labels().ifPresent(labels -> {
            assignments.add("labels = CAST(:labels AS jsonb)");
            parameters.put("labels", rows.labelsJson(labels));
        });
        changes.disabled().ifPresent(disabled -> assignments.add(disabled ? "status = 'disabled'"
                // Back on: what the status was before it could matter is told by last_seen.
                : "status = CASE WHEN status <> 'disabled' THEN status"
                        + " WHEN last_seen IS NULL THEN 'pending' ELSE 'online' END"));
        String sql = "UPDATE agents SET " + String.join(", ", assignments)
                + " WHERE tenant_id = :tenant AND id = :id RETURNING " + AgentRows.COLUMNS;
        return statement(sql, parameters).map(rows::agent).one()
                .onErrorMap(DuplicateKeyException.class, e -> duplicateName(changes.name().orElse("?")))
                .switchIfEmpty(Mono.error(() -> ApiProblem.notFound("agent", id.toString())));
    }

    /**
     * Deletes the agent with everything that is its own: credentials (by foreign key), series,
     * latest values, samples and their rollups, in one transaction. The ingested batch ids stay, so that a
     * late redelivery of one of its batches is still recognised as a duplicate.
     */
    Mono<Void> delete(UUID tenant, UUID id) {
        Map<String, Object> key = Map.of("tenant", tenant, "id", id);
        Mono<Void> deleted = statement("DELETE FROM agents WHERE tenant_id = :tenant AND id = :id", key)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.error(ApiProblem.notFound("agent", id.toString())) : Mono.just(rows))
                .then(statement("DELETE FROM samples WHERE series_id IN"
                        + " (SELECT id FROM series WHERE tenant_id = :tenant AND agent_id = :id)", key)
                        .fetch().rowsUpdated())
                .then(statement("DELETE FROM samples_5m WHERE series_id IN"
                        + " (SELECT id FROM series WHERE tenant_id = :tenant AND agent_id = :id)", key)
                        .fetch().rowsUpdated())
                // series_latest rows go with their series (ON DELETE CASCADE).
                .then(statement("DELETE FROM series WHERE tenant_id = :tenant AND agent_id = :id", key)
                        .fetch().rowsUpdated())
                // As a stored batch does (V4): every api process drops what it caches of the agent.
                .then(statement("SELECT pg_notify('secumon_samples', :tenant::text || ':' || :id::text)", key)
                        .fetch().all().then())
                .then();
        return transactions.transactional(deleted);
    }

    /** The WHERE clause (without "WHERE") for {@code filter}; adds the values it binds to {@code parameters}. */
    private String where(UUID tenant, AgentFilter filter, Map<String, Object> parameters) {
        StringBuilder where = new StringBuilder("tenant_id = :tenant");
        parameters.put("tenant", tenant);
        filter.status().ifPresent(status -> {
            where.append(" AND (").append(AgentStatus.SQL).append(") = :status");
            parameters.put("status", status.label());
        });
        for (int i = 0; i < filter.labels().size(); i++) {
            Map.Entry<String, String> label = filter.labels().get(i);
            // The effective set (index agents_effective_labels): the operator's labels over the agent's.
            where.append(" AND (reported_labels || labels) @> CAST(:label").append(i).append(" AS jsonb)");
            parameters.put("label" + i, rows.labelsJson(Map.of(label.getKey(), label.getValue())));
        }
        return where.toString();
    }

    /** The statement with {@code parameters} and {@code :online_since} bound (unused names are fine). */
    private GenericExecuteSpec statement(String sql, Map<String, Object> parameters) {
        GenericExecuteSpec spec = database.sql(sql);
        for (Map.Entry<String, Object> parameter : parameters.entrySet()) {
            spec = spec.bind(parameter.getKey(), parameter.getValue());
        }
        if (sql.contains(":online_since")) {
            spec = spec.bind("online_since", OffsetDateTime.ofInstant(clock.instant().minus(offlineAfter),
                    ZoneOffset.UTC));
        }
        return spec;
    }

    private static ApiProblem duplicateName(String name) {
        return ApiProblem.conflict("duplicate-name", "an agent named '" + name + "' already exists");
    }
}
