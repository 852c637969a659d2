package io.secumon.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.ApiIntegrationTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps the hand-written OpenAPI document and the routes in step: adding a route without
 * documenting it, or documenting one that does not exist, fails here.
 */
class OpenApiDocumentTest extends ApiIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    @Autowired
    private ApplicationContext context;

    @Test
    void everyRoute_isDocumented() {
        assertThat(documentedOperations()).containsAll(RegisteredRoutes.of(context));
    }

    @Test
    void everyDocumentedOperation_isRouted() {
        assertThat(RegisteredRoutes.of(context)).containsAll(documentedOperations());
    }

    @Test
    void everyOperation_declaresItsPathParameters_andItsResponses() {
        Map<String, Object> document = document();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> path : paths(document).entrySet()) {
            Set<String> templated = new TreeSet<>();
            Matcher variable = Pattern.compile("\\{([^}]+)}").matcher(path.getKey());
            while (variable.find()) {
                templated.add(variable.group(1));
            }
            for (Map.Entry<String, Object> operation : path.getValue().entrySet()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Map<?, ?> spec = (Map<?, ?>) operation.getValue();
                Set<String> declared = new HashSet<>(pathParameters(document, path.getValue().get("parameters")));
                declared.addAll(pathParameters(document, spec.get("parameters")));
                String name = operation.getKey() + " " + path.getKey();
                if (!declared.equals(templated)) {
                    problems.add(name + " declares path parameters " + declared + " for " + templated);
                }
                if (!(spec.get("responses") instanceof Map<?, ?> responses) || responses.isEmpty()) {
                    problems.add(name + " has no responses");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theDocument_isServedWithoutKey_asYaml() throws IOException {
        byte[] expected;
        try (InputStream in = new ClassPathResource(OpenApiRoutes.DOCUMENT).getInputStream()) {
            expected = in.readAllBytes();
        }

        anonymous.get().uri("/api/v1/openapi.yaml").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(OpenApiRoutes.YAML)
                .expectBody().consumeWith(result -> assertThat(new String(result.getResponseBody(),
                        StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8)));
        assertThat(document()).containsKeys("openapi", "info", "paths", "components");
        assertThat((String) document().get("openapi")).startsWith("3.");
    }

    /** Documented operations as {@code "GET /api/v1/agents/{}"}. */
    private static Set<String> documentedOperations() {
        Set<String> operations = new TreeSet<>();
        paths(document()).forEach((path, item) -> item.keySet().stream()
                .filter(METHODS::contains)
                .forEach(method -> operations.add(RegisteredRoutes.key(method, path))));
        return operations;
    }

    /** Names of the path parameters in {@code parameters}, following {@code $ref}s into components. */
    private static List<String> pathParameters(Map<String, Object> document, Object parameters) {
        List<String> names = new ArrayList<>();
        if (!(parameters instanceof List<?> list)) {
            return names;
        }
        for (Object parameter : list) {
            Map<?, ?> spec = (Map<?, ?>) parameter;
            if (spec.get("$ref") instanceof String ref) {
                spec = resolve(document, ref);
            }
            if ("path".equals(spec.get("in"))) {
                names.add((String) spec.get("name"));
            }
        }
        return names;
    }

    private static Map<?, ?> resolve(Map<String, Object> document, String ref) {
        Object node = document;
        for (String part : ref.substring(2).split("/")) {
            node = ((Map<?, ?>) node).get(part);
        }
        assertThat(node).as("target of " + ref).isInstanceOf(Map.class);
        return (Map<?, ?>) node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> paths(Map<String, Object> document) {
        return (Map<String, Map<String, Object>>) document.get("paths");
    }

    private static Map<String, Object> document() {
        try (InputStream in = new ClassPathResource(OpenApiRoutes.DOCUMENT).getInputStream()) {
            return new Yaml().load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
