package io.secumon.agent.collect.filesystem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.secumon.agent.collect.RecordingSink;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

class FilesystemCollectorTest {

    private static OSFileStore store(String mount, String type, long total, long free, long usable,
                                     long inodes, long freeInodes) {
        OSFileStore s = mock(OSFileStore.class);
        when(s.getMount()).thenReturn(mount);
        when(s.getVolume()).thenReturn("/dev/x" + mount.length());
        when(s.getType()).thenReturn(type);
        when(s.getTotalSpace()).thenReturn(total);
        when(s.getFreeSpace()).thenReturn(free);
        when(s.getUsableSpace()).thenReturn(usable);
        when(s.getTotalInodes()).thenReturn(inodes);
        when(s.getFreeInodes()).thenReturn(freeInodes);
        return s;
    }

    private static RecordingSink collect(OSFileStore... stores) {
        FileSystem fs = mock(FileSystem.class);
        when(fs.getFileStores(true)).thenReturn(List.of(stores));
        RecordingSink sink = new RecordingSink();
        new FilesystemCollector(fs).collect(sink);
        return sink;
    }

    @Test
    void collect_reportsSpaceAndInodesPerMountWithDfStyleUsedPercent() {
        RecordingSink sink = collect(store("/", "ext4", 1_000, 200, 150, 100, 40));
        Map<String, String> labels = Map.of("mount", "/", "device", "/dev/x1", "type", "ext4");

        assertThat(sink.value("filesystem.total_bytes", labels)).contains(1_000.0);
        assertThat(sink.value("filesystem.used_bytes", labels)).contains(800.0);
        assertThat(sink.value("filesystem.free_bytes", labels)).contains(150.0);
        // 800 / (800 + 150): the root reserve counts as not available
        assertThat(sink.value("filesystem.used_percent", labels).orElseThrow()).isBetween(84.21, 84.22);
        assertThat(sink.value("filesystem.total_inodes", labels)).contains(100.0);
        assertThat(sink.value("filesystem.free_inodes", labels)).contains(40.0);
    }

    @Test
    void collect_skipsPseudoAndEmptyFilesystems() {
        RecordingSink sink = collect(store("/proc", "proc", 0, 0, 0, 0, 0),
                store("/run", "tmpfs", 100, 50, 50, 10, 5),
                store("/snap/core", "squashfs", 100, 0, 0, 10, 0),
                store("/data", "xfs", 0, 0, 0, 0, 0));

        assertThat(sink.samples()).isEmpty();
    }

    @Test
    void collect_omitsInodesWhereTheFilesystemHasNoInodeTable() {
        RecordingSink sink = collect(store("/boot/efi", "vfat", 1_000, 500, 500, 0, 0));

        assertThat(sink.names()).contains("filesystem.used_bytes")
                .doesNotContain("filesystem.total_inodes", "filesystem.free_inodes");
    }
}
