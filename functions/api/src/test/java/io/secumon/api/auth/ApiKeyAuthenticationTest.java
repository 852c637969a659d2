package io.secumon.api.auth;

import io.secumon.api.ApiIntegrationTest;
import io.secumon.pipeline.credential.BearerTokens;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

class ApiKeyAuthenticationTest extends ApiIntegrationTest {

    @Test
    void requestWithoutKey_isUnauthorized_withBearerChallenge() {
        WebTestClient.ResponseSpec response = anonymous.get().uri("/api/v1/agents").exchange();

        expectProblem(response, HttpStatus.UNAUTHORIZED, "unauthorized", "/api/v1/agents");
        response.expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }

    @Test
    void unknownKey_isUnauthorized() {
        String unknown = BearerTokens.generate(new SecureRandom(), BearerTokens.API_KEY);

        expectProblem(as(unknown).get().uri("/api/v1/agents").exchange(), HttpStatus.UNAUTHORIZED, "unauthorized",
                "/api/v1/agents");
        expectProblem(as("not-a-key").get().uri("/api/v1/agents").exchange(), HttpStatus.UNAUTHORIZED,
                "unauthorized", "/api/v1/agents");
        expectProblem(anonymous.get().uri("/api/v1/agents").header(HttpHeaders.AUTHORIZATION, "Basic dTpw").exchange(),
                HttpStatus.UNAUTHORIZED, "unauthorized", "/api/v1/agents");
    }

    @Test
    void agentToken_isNoApiKey() {
        String agentToken = BearerTokens.generate(new SecureRandom(), BearerTokens.AGENT_TOKEN);

        expectProblem(as(agentToken).get().uri("/api/v1/agents").exchange(), HttpStatus.UNAUTHORIZED,
                "unauthorized", "/api/v1/agents");
    }

    @Test
    void revokedKey_isUnauthorized() {
        String tenant = "revoking-tenant";
        IssuedApiKey key = ApiKeys.issue(dataSource(), tenant, "to-revoke");

        ApiKeys.revoke(dataSource(), tenant, "to-revoke");

        expectProblem(as(key.key()).get().uri("/api/v1/agents").exchange(), HttpStatus.UNAUTHORIZED,
                "unauthorized", "/api/v1/agents");
    }

    @Test
    void issuedKey_authenticates_asBearerOrAsXApiKeyHeader() {
        IssuedApiKey key = issueKey("tenant-with-key");

        as(key.key()).get().uri("/api/v1/agents").exchange().expectStatus().isOk();
        anonymous.get().uri("/api/v1/agents").header(ApiKeyAuthentication.API_KEY_HEADER, key.key()).exchange()
                .expectStatus().isOk();
        anonymous.get().uri("/api/v1/agents").header(HttpHeaders.AUTHORIZATION, "bearer " + key.key()).exchange()
                .expectStatus().isOk();
    }

    @Test
    void keyInQueryString_isRefused_outsideWebSocketPaths() {
        IssuedApiKey key = issueKey("tenant-with-query-key");

        expectProblem(anonymous.get().uri("/api/v1/agents?api_key={key}", key.key()).exchange(),
                HttpStatus.UNAUTHORIZED, "unauthorized", "/api/v1/agents");
    }

    @Test
    void unknownPathsWithoutKey_areUnauthorizedToo_soTheyRevealNoRoutes() {
        expectProblem(anonymous.get().uri("/api/v1/secrets").exchange(), HttpStatus.UNAUTHORIZED, "unauthorized",
                "/api/v1/secrets");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health", "/health/live", "/health/ready", "/api/v1/openapi.yaml"})
    void probesAndTheApiDocument_needNoKey(String path) {
        anonymous.get().uri(path).exchange().expectStatus().isOk();
    }
}
