package io.secumon.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.secumon.api.MigratedSchema;
import io.secumon.pipeline.credential.BearerTokens;
import io.secumon.testing.TestDatabase;
import io.secumon.testing.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestServices.postgres().createDatabase();
        MigratedSchema.migrate(database.dataSource());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    @Test
    void issue_createsTheTenant_andStoresOnlyTheKeysHash() throws SQLException {
        IssuedApiKey issued = ApiKeys.issue(database.dataSource(), "acme", "grafana");

        assertThat(issued.key()).startsWith(BearerTokens.API_KEY).hasSizeGreaterThan(40);
        assertThat(issued.toString()).doesNotContain(issued.key());
        try (Connection connection = database.connect();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT t.name, k.key_sha256 FROM api_keys k JOIN tenants t ON t.id = k.tenant_id WHERE k.id = ?")) {
            select.setObject(1, issued.keyId());
            try (ResultSet row = select.executeQuery()) {
                assertThat(row.next()).isTrue();
                assertThat(row.getString(1)).isEqualTo("acme");
                assertThat(row.getBytes(2)).isEqualTo(BearerTokens.sha256(issued.key()));
            }
        }
    }

    @Test
    void issue_forAnExistingTenant_reusesIt_andRefusesATakenKeyName() {
        IssuedApiKey first = ApiKeys.issue(database.dataSource(), "globex", "ci");
        IssuedApiKey second = ApiKeys.issue(database.dataSource(), "globex", "dashboards");

        assertThat(second.tenantId()).isEqualTo(first.tenantId());
        assertThat(second.key()).isNotEqualTo(first.key());
        assertThatThrownBy(() -> ApiKeys.issue(database.dataSource(), "globex", "ci"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already has an API key named 'ci'");
        assertThatThrownBy(() -> ApiKeys.issue(database.dataSource(), " ", "ci"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void issue_aRevokedKeysName_rotatesTheKey() {
        IssuedApiKey old = ApiKeys.issue(database.dataSource(), "umbrella", "grafana");
        ApiKeys.revoke(database.dataSource(), "umbrella", "grafana");

        IssuedApiKey rotated = ApiKeys.issue(database.dataSource(), "umbrella", "grafana");

        assertThat(rotated.key()).isNotEqualTo(old.key());
        assertThatThrownBy(() -> ApiKeys.issue(database.dataSource(), "umbrella", "grafana"))
                .as("the new key holds the name now").isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiKeys.revoke(database.dataSource(), "umbrella", "grafana")).as("revokes the new one").isTrue();
    }

    @Test
    void revoke_marksTheKey_onceOnly() {
        ApiKeys.issue(database.dataSource(), "initech", "old");

        assertThat(ApiKeys.revoke(database.dataSource(), "initech", "old")).isTrue();
        assertThat(ApiKeys.revoke(database.dataSource(), "initech", "old")).isFalse();
        assertThat(ApiKeys.revoke(database.dataSource(), "nobody", "old")).isFalse();
    }
}
