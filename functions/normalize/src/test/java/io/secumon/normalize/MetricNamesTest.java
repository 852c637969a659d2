package io.secumon.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricNamesTest {

    @Test
    void metric_keepsCanonicalNames() {
        assertThat(MetricNames.metric("cpu.usage_percent")).isEqualTo("cpu.usage_percent");
        assertThat(MetricNames.metric("disk.used_bytes")).isEqualTo("disk.used_bytes");
    }

    @Test
    void metric_foldsOtherSpellings() {
        assertThat(MetricNames.metric("  CPU.Usage%")).isEqualTo("cpu.usage_percent");
        assertThat(MetricNames.metric("net/eth0 received-bytes")).isEqualTo("net_eth0_received_bytes");
        assertThat(MetricNames.metric("..mem..free__bytes._")).isEqualTo("mem.free_bytes");
        assertThat(MetricNames.metric("http:requests_total")).isEqualTo("http_requests_total");
        assertThat(MetricNames.metric("load_.avg1")).isEqualTo("load.avg1");
    }

    @Test
    void metric_rejectsWhatCannotBeMadeCanonical() {
        assertThat(MetricNames.metric("")).isNull();
        assertThat(MetricNames.metric("...")).isNull();
        assertThat(MetricNames.metric("5xx.count")).isNull();
        assertThat(MetricNames.metric("a".repeat(MetricNames.MAX_LENGTH + 1))).isNull();
    }

    @Test
    void labelKey_hasNoDots() {
        assertThat(MetricNames.labelKey("Mount.Point")).isEqualTo("mount_point");
        assertThat(MetricNames.labelKey(" - ")).isNull();
    }
}
