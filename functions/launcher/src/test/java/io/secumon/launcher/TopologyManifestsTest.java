package io.secumon.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The topology is written once, in each function's application.yml; the deployment
 * manifests under infra/ must name the same queues (DESIGN.md §5.3).
 */
class TopologyManifestsTest {

    private static final Path REPO = Path.of(System.getProperty("secumon.repo", "../.."));

    @Test
    void everyConsumedQueue_isInTheRabbitDefinitionsAndItsKedaScaler() throws IOException {
        List<String> checked = new ArrayList<>();
        String definitions = Files.readString(REPO.resolve("infra/rabbitmq/definitions.json"));
        try (Stream<Path> functions = Files.list(REPO.resolve("functions"))) {
            for (Path function : functions.sorted().toList()) {
                Path config = function.resolve("src/main/resources/application.yml");
                if (!Files.exists(config)) {
                    continue;
                }
                String name = function.getFileName().toString();
                for (String queue : consumedQueues(config)) {
                    assertThat(definitions).as("infra/rabbitmq/definitions.json").contains(
                            "\"name\": \"" + queue + "\"", "\"name\": \"" + queue + ".dlq\"");
                    Path keda = REPO.resolve("infra/keda/" + name + ".yaml");
                    assertThat(keda).as("KEDA manifest of " + name).exists();
                    assertThat(Files.readString(keda)).contains("queueName: " + queue + "\n");
                    checked.add(queue);
                }
            }
        }
        assertThat(checked).contains("ingest.normalize", "samples.store");
    }

    /**
     * {@code <destination>.<group>} of every input binding in one application.yml; none for
     * a function that consumes no queue (the api answers HTTP).
     */
    @SuppressWarnings("unchecked")
    private static List<String> consumedQueues(Path config) throws IOException {
        Map<String, Object> yaml = new Yaml().load(Files.readString(config));
        List<String> queues = new ArrayList<>();
        if (!(yaml.get("spring") instanceof Map<?, ?> spring && spring.get("cloud") instanceof Map<?, ?> cloud
                && cloud.containsKey("stream"))) {
            return queues;
        }
        Map<String, Object> bindings = (Map<String, Object>) path(yaml, "spring", "cloud", "stream", "bindings");
        bindings.forEach((binding, value) -> {
            Map<String, Object> properties = (Map<String, Object>) value;
            if (binding.contains("-in-") && properties.get("group") != null) {
                queues.add(properties.get("destination") + "." + properties.get("group"));
            }
        });
        return queues;
    }

    @SuppressWarnings("unchecked")
    private static Object path(Map<String, Object> yaml, String... keys) {
        Object node = yaml;
        for (String key : keys) {
            node = ((Map<String, Object>) node).get(key);
            if (node == null) {
                throw new AssertionError("no " + String.join(".", keys) + " in application.yml");
            }
        }
        return node;
    }
}
