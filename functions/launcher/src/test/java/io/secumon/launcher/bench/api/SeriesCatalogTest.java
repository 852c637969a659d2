package io.secumon.launcher.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeriesCatalogTest {

    @Test
    void fiftyDistinctSeries_withCanonicalNames() {
        List<SeriesCatalog.Shape> shapes = SeriesCatalog.first(50);

        Set<String> keys = new HashSet<>();
        shapes.forEach(s -> keys.add(s.metric() + s.labelsJson()));
        assertThat(keys).hasSize(50);
        assertThat(shapes).allSatisfy(s -> assertThat(s.metric()).matches("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)+"));
        assertThat(shapes).extracting(SeriesCatalog.Shape::metric)
                .contains("cpu.usage_percent", "memory.used_bytes", "filesystem.used_percent",
                        "net.received_bytes_per_second");
    }

    @Test
    void moreThanTheCatalog_areMoreCores() {
        List<SeriesCatalog.Shape> shapes = SeriesCatalog.first(60);

        assertThat(shapes).hasSize(60);
        assertThat(shapes.get(59).labelsJson()).isEqualTo("{\"core\": \"13\"}");
    }

    @Test
    void labelsJson_sortedKeys() {
        SeriesCatalog.Shape fs = SeriesCatalog.first(50).stream()
                .filter(s -> s.metric().equals("filesystem.used_percent")).findFirst().orElseThrow();

        assertThat(fs.labelsJson()).isEqualTo("{\"device\": \"/dev/vda1\", \"mount\": \"/\", \"type\": \"ext4\"}");
    }

    @Test
    void fleet_idsAgentMajor_valuesRepeatable_percentsWithinBounds() {
        Fleet fleet = Fleet.ending(Instant.parse("2026-11-21T10:00:30Z"), UUID.randomUUID(), 3, 50, 1440);

        assertThat(fleet.seriesId(0, 0)).isEqualTo(1);
        assertThat(fleet.seriesId(2, 49)).isEqualTo(150);
        assertThat(fleet.lastMinute() * 60).isEqualTo(Instant.parse("2026-11-21T10:00:00Z").getEpochSecond());
        assertThat(fleet.samples()).isEqualTo(3 * 50 * 1440);
        assertThat(fleet.value(1, 0, fleet.firstMinute())).isEqualTo(fleet.value(1, 0, fleet.firstMinute()));
        for (long m = fleet.firstMinute(); m <= fleet.lastMinute(); m++) {
            assertThat(fleet.value(2, 0, m)).isBetween(0.0, 100.0);
        }
    }
}
