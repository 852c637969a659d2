package io.secumon.launcher.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ReadyMessageTest {

    private static final UUID AGENT = UUID.fromString("0b6f3c1e-2f4b-4c55-9a51-7d9a3c2f1e00");

    @Test
    void text_endsWithACurlLineThatAShellRunsAsIs() {
        ReadyMessage message = new ReadyMessage("http://localhost:8080", "smk_abc-_123", "local", "localhost:50051",
                "jdbc:postgresql://localhost:54329/secumon", "in memory",
                Optional.of(new ReadyMessage.Agent(AGENT, "host1", "10s")), "/run");

        String curlLine = message.text().lines().filter(line -> line.strip().startsWith("curl ")).findFirst()
                .orElseThrow();

        assertThat(PrintedCurl.parse(curlLine).arguments()).containsExactly("-H", "Authorization: Bearer smk_abc-_123",
                "http://localhost:8080/api/v1/agents/" + AGENT + "/metrics/latest?metric=cpu.usage_percent");
        assertThat(message.text()).startsWith(ReadyMessage.READY).contains("smk_abc-_123", "localhost:50051", "host1");
    }

    @Test
    void withoutAgent_curlListsTheAgents() {
        ReadyMessage message = new ReadyMessage("http://localhost:8080", "smk_k", "local", "localhost:50051",
                "db", "in memory", Optional.empty(), "/run");

        assertThat(message.curl()).isEqualTo("curl -H \"Authorization: Bearer smk_k\" \"http://localhost:8080/api/v1/agents\"");
    }
}
