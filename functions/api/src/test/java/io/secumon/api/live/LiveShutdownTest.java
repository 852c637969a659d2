package io.secumon.api.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.secumon.api.ApiApplication;
import io.secumon.api.metrics.MetricsTestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.reactive.socket.CloseStatus;

/**
 * Stopping the api closes live sessions at once, as "going away", rather than letting these
 * never-ending exchanges hold up the graceful shutdown until its timeout. The application
 * is started by the test itself, because the test closes it; the client is the JDK's, which
 * reports the close code the server sent.
 */
class LiveShutdownTest {

    private final MetricsTestData data = MetricsTestData.create();

    @AfterEach
    void dropDatabase() {
        data.close();
    }

    @Test
    void stopping_closesSessionsAsGoingAwayWithoutWaitingForTheShutdownTimeout() throws Exception {
        MetricsTestData.Enrolled acme = data.enrol();
        data.writeGauge(acme.tenant(), acme.agent(), "cpu.usage_percent", 1, Instant.now());
        // Arguments, not default properties: application.yml would override those.
        ConfigurableApplicationContext api = new SpringApplicationBuilder(ApiApplication.class).run(
                "--server.port=0",
                "--secumon.db.url=" + data.database().jdbcUrl(),
                "--secumon.db.user=" + data.database().username(),
                "--secumon.db.password=" + data.database().password());
        try {
            int port = Integer.parseInt(api.getEnvironment().getRequiredProperty("local.server.port"));
            CompletableFuture<Void> firstMessage = new CompletableFuture<>();
            CompletableFuture<Integer> closeCode = new CompletableFuture<>();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .header("Authorization", "Bearer " + acme.apiKey())
                    .buildAsync(URI.create("ws://localhost:" + port + "/ws/metrics/" + acme.agent()),
                            new WebSocket.Listener() {
                                @Override
                                public CompletionStage<?> onText(WebSocket ws, CharSequence text, boolean last) {
                                    firstMessage.complete(null);
                                    ws.request(1);
                                    return null;
                                }

                                @Override
                                public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                                    closeCode.complete(code);
                                    return null;
                                }

                                @Override
                                public void onError(WebSocket ws, Throwable error) {
                                    closeCode.completeExceptionally(error);
                                }
                            })
                    .get(10, TimeUnit.SECONDS);
            firstMessage.get(5, TimeUnit.SECONDS);
            long start = System.nanoTime();

            api.close();

            assertThat(closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(CloseStatus.GOING_AWAY.getCode());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            socket.abort();
        } finally {
            api.close();
        }
    }
}
