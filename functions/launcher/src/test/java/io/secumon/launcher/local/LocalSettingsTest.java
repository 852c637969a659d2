package io.secumon.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalSettingsTest {

    private static final Path REPO = Path.of("/checkout");

    @Test
    void nothingSet_embeddedDatabaseAndFunctionsInMemory_onTheDocumentedPorts() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(), REPO);

        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.inMemory()).isTrue();
        assertThat(settings.runDirectory()).isEqualTo(Path.of("/checkout/infra/local/.run"));
        assertThat(settings.postgresDirectory()).isEqualTo(Path.of("/checkout/infra/local/.run/postgres"));
        assertThat(settings.agentSpool()).isEqualTo(Path.of("/checkout/infra/local/.run/agent-spool"));
        assertThat(settings.embeddedDbPort()).isEqualTo(54329);
        assertThat(settings.apiPort()).isEqualTo(8080);
        assertThat(settings.edgePort()).isEqualTo(50051);
        assertThat(settings.edgeMetricsPort()).isEqualTo(9401);
    }

    @Test
    void blankCountsAsUnset() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of("SECUMON_DB_URL", " ", "SECUMON_RABBIT_URI", "",
                "SECUMON_API_PORT", ""), REPO);

        assertThat(settings.embeddedDatabase()).isTrue();
        assertThat(settings.inMemory()).isTrue();
        assertThat(settings.apiPort()).isEqualTo(8080);
    }

    @Test
    void givenDatabaseAndBroker_areUsed_andRelativeRunDirectoryIsInTheCheckout() {
        LocalSettings settings = LocalSettings.fromEnvironment(Map.of(
                "SECUMON_DB_URL", "jdbc:postgresql://db:5432/secumon", "SECUMON_DB_USER", "app",
                "SECUMON_RABBIT_URI", "amqp://guest:guest@mq:5672", "SECUMON_LOCAL_DIR", "tmp/run"), REPO);

        assertThat(settings.externalDatabase()).contains("jdbc:postgresql://db:5432/secumon");
        assertThat(settings.dbUser()).isEqualTo("app");
        assertThat(settings.inMemory()).isFalse();
        assertThat(settings.runDirectory()).isEqualTo(Path.of("/checkout/tmp/run"));
    }

    @Test
    void badValues_areRejectedNamingTheVariable() {
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("SECUMON_API_PORT", "80a"), REPO))
                .hasMessageStartingWith("SECUMON_API_PORT:");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("SECUMON_LOCAL_DB_PORT", "0"), REPO))
                .hasMessageStartingWith("SECUMON_LOCAL_DB_PORT:");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("SECUMON_DB_URL", "postgres://x/y"), REPO))
                .hasMessageStartingWith("SECUMON_DB_URL:");
        assertThatThrownBy(() -> LocalSettings.fromEnvironment(Map.of("SECUMON_RABBIT_URI", "http://secret@x"), REPO))
                .hasMessageStartingWith("SECUMON_RABBIT_URI:").hasMessageNotContaining("secret");
    }
}
