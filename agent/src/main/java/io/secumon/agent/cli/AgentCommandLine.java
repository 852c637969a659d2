package io.secumon.agent.cli;

import io.secumon.agent.AgentService;
import io.secumon.agent.IdentityReader;
import io.secumon.agent.collect.Collectors;
import io.secumon.agent.config.AgentConfig;
import io.secumon.agent.config.AgentConfigReader;
import io.secumon.agent.config.ConfigException;
import io.secumon.agent.config.ConfigFileWriter;
import io.secumon.agent.simulate.SimulateCommand;
import io.secumon.agent.simulate.SimulationSettings;
import io.secumon.proto.v1.AgentIdentity;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import oshi.spi.SystemInfoProvider;

/**
 * The agent's commands: {@code run}, {@code once --dry-run}, {@code setup} and
 * {@code simulate}. Returns exit codes instead of exiting: 0 success, 1 failure at run time
 * (I/O), 2 bad usage or bad configuration (with the usage or the setting's name on stderr).
 */
public final class AgentCommandLine {

    /** Where {@code run} and {@code setup} look for the config unless {@code --config} says otherwise. */
    public static final Path DEFAULT_CONFIG = Path.of("/etc/secumon-agent/agent.yaml");

    static final String USAGE = """
            usage: secumon-agent <command> [options]
              run [--config FILE]             collect and ship until stopped (default config %1$s)
              once --dry-run [--config FILE]  collect twice 1 s apart, print the samples as JSON, send nothing
              setup --collector=HOST:PORT --token=TOKEN [--agent-id=UUID] [--tls] [--config FILE]
                                              write the config file (mode 0600)
              simulate --agents N --series M --interval T --endpoint HOST:PORT --credentials FILE
                       [--duration D] [--plaintext]
                                              N simulated agents each send M gauges every T (e.g. 10s,
                                              500ms) for D or until stopped, for load tests; FILE holds
                                              one enrolled 'agent_id token' per line (at least N)
            """.formatted(DEFAULT_CONFIG);

    /** Waits between the two rounds of {@code once}; injected so tests may shorten it. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final SystemInfoProvider system;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<Runnable> onShutdown;

    /**
     * @param onShutdown registers what {@code run} must do when the process is asked to stop
     *                   (in main: a JVM shutdown hook)
     */
    public AgentCommandLine(PrintStream out, PrintStream err, Map<String, String> env, SystemInfoProvider system,
                            Clock clock, Sleeper sleeper, Consumer<Runnable> onShutdown) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.system = system;
        this.clock = clock;
        this.sleeper = sleeper;
        this.onShutdown = onShutdown;
    }

    /** Runs the command in {@code args}; returns the process exit code. */
    public int execute(String... args) {
        if (args.length == 0) {
            return usage("no command given");
        }
        Options options;
        try {
            options = Options.parse(List.of(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try {
            return switch (args[0]) {
                case "run" -> run(options);
                case "once" -> once(options);
                case "setup" -> setup(options);
                case "simulate" -> simulate(options);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> usage("unknown command '" + args[0] + "'");
            };
        } catch (UsageException e) {
            return usage(e.getMessage());
        } catch (ConfigException e) {
            err.println("secumon-agent: bad configuration: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("secumon-agent: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int run(Options options) throws IOException, InterruptedException {
        options.allowOnly("config");
        AgentConfig config = reader().read(options.path("config").orElse(DEFAULT_CONFIG)).requireShipping();
        AgentService service = AgentService.start(config, system, clock);
        onShutdown.accept(service::close);
        service.awaitStop();
        return 0;
    }

    private int once(Options options) throws InterruptedException {
        options.allowOnly("config", "dry-run");
        if (!options.flag("dry-run")) {
            throw new UsageException("once needs --dry-run (sending a single batch is not supported)");
        }
        // A dry run works on a bare machine: a missing file means the defaults.
        AgentConfig config = reader().readIfPresent(options.path("config").orElse(DEFAULT_CONFIG));
        Collectors collectors = Collectors.of(system, clock).only(config.enabled());
        // The first round only primes the rate trackers; the second has every rate.
        collectors.collect((name, labels, kind, value) -> { });
        sleeper.sleep(1_000);
        List<Object> samples = new ArrayList<>();
        collectors.collect((name, labels, kind, value) -> {
            Map<String, Object> sample = new LinkedHashMap<>();
            sample.put("name", name);
            sample.put("labels", labels);
            sample.put("kind", kind.name().replace("METRIC_KIND_", "").toLowerCase(Locale.ROOT));
            sample.put("value", value);
            samples.add(sample);
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("agent", describe(new IdentityReader(system.getOperatingSystem(),
                system.getHardware()::getNetworkIFs).read(config)));
        document.put("samples", samples);
        out.println(JsonWriter.write(document));
        return 0;
    }

    private int setup(Options options) throws IOException {
        options.allowOnly("config", "collector", "token", "agent-id", "tls");
        String collector = options.value("collector")
                .orElseThrow(() -> new UsageException("setup needs --collector=HOST:PORT"));
        String token = options.value("token").filter(t -> !t.isBlank())
                .orElseThrow(() -> new UsageException("setup needs --token=TOKEN"));
        AgentConfig.Endpoint endpoint = AgentConfig.Endpoint.parse("--collector", collector);
        Optional<UUID> agentId = options.value("agent-id").map(id -> {
            try {
                return UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--agent-id", "'" + id + "' is not a UUID");
            }
        });
        Path file = options.path("config").orElse(DEFAULT_CONFIG);
        new ConfigFileWriter().write(file, endpoint, token, agentId, options.flag("tls"));
        // Read it back so a file setup wrote is known to load.
        reader().read(file);
        out.println("wrote " + file.toAbsolutePath() + " (mode 0600)");
        if (agentId.isEmpty()) {
            out.println("agent.id is not set: add it to the file or set SECUMON_AGENT_ID before `run`");
        }
        return 0;
    }

    private int simulate(Options options) throws InterruptedException {
        options.allowOnly("agents", "series", "interval", "endpoint", "credentials", "duration", "plaintext");
        SimulationSettings settings;
        try {
            settings = new SimulationSettings(
                    SimulationSettings.count("--agents", options.required("agents")),
                    SimulationSettings.count("--series", options.required("series")),
                    AgentConfigReader.duration("--interval", options.required("interval")),
                    AgentConfig.Endpoint.parse("--endpoint", options.required("endpoint")),
                    Path.of(options.required("credentials")),
                    options.value("duration").map(d -> AgentConfigReader.duration("--duration", d)),
                    options.flag("plaintext"));
        } catch (ConfigException e) {
            // A bad value on the command line is a usage mistake; a bad credentials file is not.
            throw new UsageException(e.getMessage());
        }
        return new SimulateCommand(out, err, clock, onShutdown).execute(settings);
    }

    private AgentConfigReader reader() {
        return new AgentConfigReader(env, new IdentityReader(system.getOperatingSystem(),
                system.getHardware()::getNetworkIFs).hostname());
    }

    private static Map<String, Object> describe(AgentIdentity identity) {
        Map<String, Object> agent = new LinkedHashMap<>();
        agent.put("agent_id", identity.getAgentId());
        agent.put("hostname", identity.getHostname());
        agent.put("os", identity.getOs());
        agent.put("os_version", identity.getOsVersion());
        agent.put("arch", identity.getArch());
        agent.put("agent_version", identity.getAgentVersion());
        agent.put("labels", identity.getLabelsMap());
        agent.put("ip_addresses", identity.getIpAddressesList());
        return agent;
    }

    private int usage(String problem) {
        err.println("secumon-agent: " + problem);
        err.print(USAGE);
        return 2;
    }

    /** A command line mistake; reported with the usage. */
    private static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --name=value}, {@code --name value} (for valued options) and {@code --flag}. */
    private record Options(Map<String, String> values) {

        private static final List<String> FLAGS = List.of("dry-run", "tls", "plaintext");

        static Options parse(List<String> args) {
            Map<String, String> values = new LinkedHashMap<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (!arg.startsWith("--") || arg.length() == 2) {
                    throw new IllegalArgumentException("unexpected argument '" + arg + "'");
                }
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.size()) {
                    value = args.get(++i);
                } else {
                    throw new IllegalArgumentException("--" + name + " needs a value");
                }
                if (values.put(name, value) != null) {
                    throw new IllegalArgumentException("--" + name + " given twice");
                }
            }
            return new Options(values);
        }

        void allowOnly(String... names) {
            for (String name : values.keySet()) {
                if (!List.of(names).contains(name)) {
                    throw new UsageException("unknown option --" + name);
                }
            }
        }

        Optional<String> value(String name) {
            return Optional.ofNullable(values.get(name));
        }

        String required(String name) {
            return value(name).filter(v -> !v.isBlank())
                    .orElseThrow(() -> new UsageException("--" + name + " is required"));
        }

        Optional<Path> path(String name) {
            return value(name).map(Path::of);
        }

        boolean flag(String name) {
            return Boolean.parseBoolean(values.getOrDefault(name, "false"));
        }
    }
}
