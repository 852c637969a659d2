package io.secumon.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.agent.config.AgentConfig;
import io.secumon.agent.config.AgentConfigReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.secumon.agent.collect.LinuxHost;

class AgentCommandLineTest {

    private static final String ID = "7b0c6c8e-1f7a-4c1e-9d43-5d2a4b0e9f11";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int execute(String... args) {
        return new AgentCommandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), LinuxHost.open(), Clock.systemUTC(),
                Thread::sleep, stop -> { }).execute(args);
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    @SuppressWarnings("unchecked")
    void onceDryRun_printsOneJsonObjectWithPlausibleSamplesOfThisHost() {
        int code = execute("once", "--dry-run", "--config", dir.resolve("absent.yaml").toString());

        assertThat(code).as(stderr()).isZero();
        Map<String, Object> doc = (Map<String, Object>) JsonReader.parse(stdout());
        Map<String, Object> agent = (Map<String, Object>) doc.get("agent");
        assertThat(agent).containsEntry("agent_version", "0.1.0");
        assertThat((String) agent.get("hostname")).isNotBlank();
        assertThat((String) agent.get("os")).isNotBlank();
        List<Map<String, Object>> samples = (List<Map<String, Object>>) doc.get("samples");
        assertThat(samples).allSatisfy(s -> {
            assertThat(s).containsKeys("name", "labels", "kind", "value");
            assertThat(s.get("kind")).isEqualTo("gauge");
        });
        assertThat(value(samples, "cpu.usage_percent")).isBetween(0.0, 100.0);
        assertThat(value(samples, "memory.total_bytes")).isGreaterThan(1e6);
        assertThat(values(samples, "filesystem.used_bytes")).isNotEmpty().allMatch(v -> v >= 0);
        assertThat(samples).anyMatch(s -> ((String) s.get("name")).startsWith("net."));
        assertThat(values(samples, "process.count").stream().mapToDouble(Double::doubleValue).sum())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void once_withoutDryRunIsAUsageError() {
        assertThat(execute("once")).isEqualTo(2);
        assertThat(stderr()).contains("--dry-run").contains("usage:");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void setup_writesAnOwnerOnlyConfigThatLoadsBack() throws IOException {
        Path file = dir.resolve("etc/agent.yaml");

        int code = execute("setup", "--collector=edge.example.com:50051", "--token=tok-123",
                "--agent-id=" + ID, "--config", file.toString());

        assertThat(code).as(stderr()).isZero();
        assertThat(stdout()).contains(file.toAbsolutePath().toString());
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        AgentConfig config = new AgentConfigReader(Map.of(), "h").read(file).requireShipping();
        assertThat(config.endpoint()).isEqualTo(new AgentConfig.Endpoint("edge.example.com", 50051));
        assertThat(config.token()).contains("tok-123");
        assertThat(config.id()).contains(UUID.fromString(ID));
    }

    @Test
    void setup_malformedCollectorIsABadSettingWithExit2() {
        int code = execute("setup", "--collector=foo", "--token=t", "--config", dir.resolve("a.yaml").toString());

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--collector: 'foo' is not host:port");
        assertThat(dir.resolve("a.yaml")).doesNotExist();
    }

    @Test
    void setup_withoutTokenIsAUsageError() {
        assertThat(execute("setup", "--collector=a:1")).isEqualTo(2);
        assertThat(stderr()).contains("--token");
    }

    @Test
    void run_withoutTokenNamesTheSettingAndExits2() throws IOException {
        Path file = Files.writeString(dir.resolve("agent.yaml"), "agent: {id: %s}\n".formatted(ID));

        assertThat(execute("run", "--config", file.toString())).isEqualTo(2);
        assertThat(stderr()).contains("collector.token:");
    }

    @Test
    void run_missingConfigFileExits2() {
        assertThat(execute("run", "--config", dir.resolve("absent.yaml").toString())).isEqualTo(2);
        assertThat(stderr()).contains("config:");
    }

    @Test
    void unknownCommandPrintsUsageAndExits2() {
        assertThat(execute("explode")).isEqualTo(2);
        assertThat(stderr()).contains("unknown command 'explode'").contains("usage:");
    }

    @Test
    void unknownOptionAndNoCommandExit2() {
        assertThat(execute("run", "--bogus=1")).isEqualTo(2);
        assertThat(execute()).isEqualTo(2);
        assertThat(execute("once", "stray")).isEqualTo(2);
    }

    private static double value(List<Map<String, Object>> samples, String name) {
        List<Double> values = values(samples, name);
        assertThat(values).as(name).hasSize(1);
        return values.get(0);
    }

    @Test
    void simulate_withoutARequiredOption_printsUsage_andExits2() {
        int code = execute("simulate", "--agents", "3", "--series", "5", "--interval", "10s",
                "--endpoint", "127.0.0.1:50051");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--credentials is required").contains("usage:").contains("simulate --agents N");
    }

    @Test
    void simulate_withBadValues_namesTheOption_andExits2() {
        String credentials = dir.resolve("agents.txt").toString();
        List<List<String>> mistakes = List.of(
                List.of("--agents", "0", "--series", "5", "--interval", "10s"),
                List.of("--agents", "many", "--series", "5", "--interval", "10s"),
                List.of("--agents", "3", "--series", "0", "--interval", "10s"),
                List.of("--agents", "3", "--series", "5", "--interval", "soon"),
                List.of("--agents", "3", "--series", "5", "--interval", "1ms"),
                List.of("--agents", "3", "--series", "5", "--interval", "10s", "--duration", "0s"),
                List.of("--agents", "3", "--series", "5", "--interval", "10s", "--colour", "red"));
        List<String> named = List.of("--agents", "--agents", "--series", "--interval", "--interval", "--duration",
                "--colour");
        for (int i = 0; i < mistakes.size(); i++) {
            out.reset();
            err.reset();
            List<String> args = new java.util.ArrayList<>(List.of("simulate", "--endpoint", "127.0.0.1:50051",
                    "--credentials", credentials));
            args.addAll(mistakes.get(i));

            assertThat(execute(args.toArray(String[]::new))).as(args.toString()).isEqualTo(2);
            assertThat(stderr()).as(args.toString()).contains(named.get(i)).contains("usage:");
        }
        out.reset();
        err.reset();
        assertThat(execute("simulate", "--agents", "1", "--series", "1", "--interval", "1s", "--endpoint",
                "nowhere", "--credentials", credentials)).isEqualTo(2);
        assertThat(stderr()).contains("--endpoint: 'nowhere' is not host:port");
    }

    @Test
    void simulate_withTooFewCredentials_saysHowManyAreNeeded_andExits2() throws IOException {
        Path credentials = Files.writeString(dir.resolve("agents.txt"), "id-1 tok-1\nid-2 tok-2\n");

        int code = execute("simulate", "--agents", "3", "--series", "5", "--interval", "10s",
                "--endpoint", "127.0.0.1:50051", "--credentials", credentials.toString(), "--plaintext");

        assertThat(code).isEqualTo(2);
        assertThat(stderr()).contains("--credentials: ")
                .contains("has 2 agent credentials, --agents 3 needs at least 3");
        assertThat(stdout()).isEmpty();
    }

    @Test
    void help_listsSimulate() {
        assertThat(execute("help")).isZero();
        assertThat(stdout())
                .contains("simulate --agents N --series M --interval T --endpoint HOST:PORT --credentials FILE");
    }

    private static List<Double> values(List<Map<String, Object>> samples, String name) {
        return samples.stream().filter(s -> name.equals(s.get("name"))).map(s -> (Double) s.get("value")).toList();
    }
}
