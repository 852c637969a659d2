package io.secumon.api.metrics;

import io.secumon.api.problem.ApiProblem;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Whether agents exist for a tenant. Metric queries find an agent's data through its
 * series, so this is asked only when a query found nothing: to tell "no data" from "no
 * such agent" without a second query on the common path.
 */
public final class KnownAgents {

    private static final String SQL = "SELECT id FROM agents WHERE tenant_id = :tenant AND id = ANY(:ids::uuid[])";

    private final DatabaseClient database;

    public KnownAgents(DatabaseClient database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /** Completes when {@code agent} belongs to {@code tenant}, else fails with 404 (another tenant's agent too). */
    public Mono<Void> require(UUID tenant, UUID agent) {
        return requireAll(tenant, List.of(agent));
    }

    /**
     * {@code found}, what a query of {@code agent}'s data returned; when it is empty, only
     * after making sure the agent exists, since an unknown agent finds nothing too.
     */
    public <T> Mono<List<T>> confirmed(UUID tenant, UUID agent, List<T> found) {
        return found.isEmpty() ? require(tenant, agent).thenReturn(found) : Mono.just(found);
    }

    /** Completes when every agent of {@code agents} belongs to {@code tenant}, else fails with 404 naming one. */
    public Mono<Void> requireAll(UUID tenant, Collection<UUID> agents) {
        if (agents.isEmpty()) {
            return Mono.empty();
        }
        return existing(tenant, agents).collectList().flatMap(found -> {
            for (UUID agent : agents) {
                if (!found.contains(agent)) {
                    return Mono.error(ApiProblem.notFound("agent", agent.toString()));
                }
            }
            return Mono.empty();
        });
    }

    private Flux<UUID> existing(UUID tenant, Collection<UUID> agents) {
        return database.sql(SQL)
                .bind("tenant", tenant)
                .bind("ids", agents.stream().map(UUID::toString).toArray(String[]::new))
                .map((row, meta) -> row.get("id", UUID.class))
                .all();
    }
}
