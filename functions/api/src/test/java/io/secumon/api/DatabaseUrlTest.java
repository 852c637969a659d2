package io.secumon.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void r2dbcOptions_nameTheSameDatabase_withTheSettingsCredentials() {
        ConnectionFactoryOptions options = DatabaseUrl.parse("jdbc:postgresql://db.example:6543/secumon")
                .r2dbcOptions("api", "pw");

        assertThat(options.getValue(ConnectionFactoryOptions.DRIVER)).isEqualTo("postgresql");
        assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("db.example");
        assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(6543);
        assertThat(options.getValue(ConnectionFactoryOptions.DATABASE)).isEqualTo("secumon");
        assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("api");
        assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("pw");
        assertThat(options.getValue(ConnectionFactoryOptions.CONNECT_TIMEOUT)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void r2dbcOptions_carryOverTheParametersR2dbcUnderstands_andUrlCredentialsWin() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://[::1]/secumon?sslmode=require&user=u&password=p%40ss"
                + "&connectTimeout=3&ApplicationName=api&prepareThreshold=0");
        ConnectionFactoryOptions options = url.r2dbcOptions("ignored", "");

        assertThat(options.getValue(ConnectionFactoryOptions.HOST)).isEqualTo("::1");
        assertThat(options.getValue(ConnectionFactoryOptions.PORT)).isEqualTo(5432);
        assertThat(options.getValue(ConnectionFactoryOptions.USER)).isEqualTo("u");
        assertThat(options.getValue(ConnectionFactoryOptions.PASSWORD)).hasToString("p@ss");
        assertThat(options.getValue(Option.valueOf("sslMode"))).isEqualTo("require");
        assertThat(options.getValue(Option.valueOf("applicationName"))).isEqualTo("api");
        assertThat(options.getValue(ConnectionFactoryOptions.CONNECT_TIMEOUT)).isEqualTo(Duration.ofSeconds(3));
        assertThat(url.jdbcOnlyParameters()).containsExactly("prepareThreshold");
        assertThat(url.toString()).isEqualTo("jdbc:postgresql://[::1]/secumon").doesNotContain("p%40ss");
    }

    @Test
    void parse_rejectsUrlsItCannotTranslate() {
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql:secumon")).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://h1:5432,h2:5432/secumon"))
                .hasMessageContaining("one host");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://db/")).hasMessageContaining("database");
        assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://db/secumon?connectTimeout=soon"))
                .hasMessageContaining("connectTimeout");
    }
}
