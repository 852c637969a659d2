package io.secumon.launcher.component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The SecuMon database named by a JDBC URL, created on its server when needed (through
 * the server's {@code postgres} database) before the components migrate it.
 */
public record Database(String url, String user, String password) {

    public Database {
        String name = name(url);
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("SECUMON_DB_URL must end in a plain lower-case database name, not '"
                    + name + "'");
        }
    }

    /** Creates the database unless it exists. */
    public Database createIfMissing() throws SQLException {
        try (Connection admin = admin();
             PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name(url));
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    execute(admin, "CREATE DATABASE " + name(url));
                }
            }
        }
        return this;
    }

    /** Drops the database (disconnecting its users) and creates it empty. */
    public Database recreate() throws SQLException {
        try (Connection admin = admin()) {
            execute(admin, "DROP DATABASE IF EXISTS " + name(url) + " WITH (FORCE)");
            execute(admin, "CREATE DATABASE " + name(url));
        }
        return this;
    }

    /**
     * What every pipeline component needs to reach this database and the broker at
     * {@code rabbitUri}, with a throw-away destination prefix {@code <name><time>.} so that
     * nothing left over from an aborted run is consumed.
     */
    public Map<String, String> pipelineEnvironment(String rabbitUri, String prefixName) {
        Map<String, String> env = new HashMap<>();
        env.put("SECUMON_DB_URL", url);
        env.put("SECUMON_DB_USER", user);
        env.put("SECUMON_DB_PASSWORD", password);
        env.put("SECUMON_RABBIT_URI", rabbitUri);
        env.put("SECUMON_DESTINATION_PREFIX", prefixName + Long.toString(System.currentTimeMillis(), 36) + ".");
        return env;
    }

    /** An unpooled data source for the database. */
    public PGSimpleDataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        return dataSource;
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(url.substring(0, url.lastIndexOf('/') + 1) + "postgres", user, password);
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String name(String url) {
        return url.substring(url.lastIndexOf('/') + 1).split("\\?")[0];
    }
}
