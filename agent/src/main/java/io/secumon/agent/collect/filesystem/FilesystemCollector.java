package io.secumon.agent.collect.filesystem;

import io.secumon.agent.collect.Collector;
import io.secumon.agent.collect.SampleSink;
import java.util.Map;
import java.util.Set;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/**
 * Space and inodes per local mount, labelled {@code mount}, {@code device}, {@code type}.
 *
 * <p>Only local file stores are read: a hung network mount must not stall the agent.
 * Pseudo and memory-backed file systems are skipped because their "usage" says nothing
 * about disk capacity (and squashfs images are always full, which would only page people).
 * "Free" is the space available to unprivileged users and "used percent" is computed like
 * {@code df}: used / (used + free), so the root reserve does not hide a full disk.
 */
public final class FilesystemCollector implements Collector {

    static final Set<String> PSEUDO_TYPES = Set.of("proc", "sysfs", "devtmpfs", "devpts", "tmpfs",
            "ramfs", "cgroup", "cgroup2", "securityfs", "debugfs", "tracefs", "pstore", "bpf", "mqueue",
            "hugetlbfs", "configfs", "fusectl", "autofs", "binfmt_misc", "rpc_pipefs", "nsfs",
            "squashfs", "efivarfs", "selinuxfs");

    private final FileSystem fileSystem;

    public FilesystemCollector(FileSystem fileSystem) {
        this.fileSystem = fileSystem;
    }

    @Override
    public String name() {
        return "filesystem";
    }

    @Override
    public void collect(SampleSink sink) {
        for (OSFileStore store : fileSystem.getFileStores(true)) {
            long total = store.getTotalSpace();
            if (PSEUDO_TYPES.contains(store.getType()) || total <= 0) {
                continue;
            }
            Map<String, String> labels = Map.of("mount", nonNull(store.getMount()),
                    "device", nonNull(store.getVolume()), "type", nonNull(store.getType()));
            long used = Math.max(0, total - store.getFreeSpace());
            long free = store.getUsableSpace();
            sink.gauge("filesystem.total_bytes", labels, total);
            sink.gauge("filesystem.used_bytes", labels, used);
            sink.gauge("filesystem.free_bytes", labels, free);
            if (used + free > 0) {
                sink.gauge("filesystem.used_percent", labels, used * 100.0 / (used + free));
            }
            // some file systems (btrfs, vfat) have no fixed inode table and report 0
            if (store.getTotalInodes() > 0) {
                sink.gauge("filesystem.total_inodes", labels, store.getTotalInodes());
                sink.gauge("filesystem.free_inodes", labels, store.getFreeInodes());
            }
        }
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
