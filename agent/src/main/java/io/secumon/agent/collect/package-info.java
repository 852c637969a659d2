/**
 * Host metric collection: one {@link io.secumon.agent.collect.Collector} per subsystem in a
 * sub-package, all listed in {@link io.secumon.agent.collect.Collectors}, rates derived by
 * {@link io.secumon.agent.collect.RateTracker}.
 *
 * <p>Metric names are lower-case, dotted, and end with their unit. All are gauges (rates are
 * computed in the agent); "rate" below means absent on the first collection and after a
 * counter reset. The systemd and Docker collectors emit nothing where systemd or the Docker
 * socket is absent.
 * <pre>
 * name                              unit      labels                  notes
 * cpu.logical_cores                 cores     -
 * cpu.load1 / load5 / load15        load      -                       skipped where the OS has none
 * cpu.usage_percent                 percent   -                       rate; all but idle and iowait
 * cpu.user_percent                  percent   -                       rate; user + nice
 * cpu.system_percent                percent   -                       rate; system + irq + softirq
 * cpu.iowait_percent                percent   -                       rate
 * cpu.steal_percent                 percent   -                       rate
 * cpu.core_usage_percent            percent   core                    rate
 * memory.total_bytes                bytes     -
 * memory.available_bytes            bytes     -
 * memory.used_bytes                 bytes     -                       total - available
 * memory.used_percent               percent   -
 * memory.cached_bytes               bytes     -                       page cache (Linux /proc/meminfo)
 * memory.buffers_bytes              bytes     -                       block-device buffers (idem)
 * memory.swap_total_bytes           bytes     -
 * memory.swap_used_bytes            bytes     -
 * filesystem.total_bytes            bytes     mount, device, type     local, non-pseudo mounts
 * filesystem.used_bytes             bytes     mount, device, type
 * filesystem.free_bytes             bytes     mount, device, type     available to unprivileged users
 * filesystem.used_percent           percent   mount, device, type     like df
 * filesystem.total_inodes           inodes    mount, device, type     only if the fs has an inode table
 * filesystem.free_inodes            inodes    mount, device, type
 * disk.read_bytes_per_second        bytes/s   device                  rate
 * disk.write_bytes_per_second       bytes/s   device                  rate
 * disk.read_operations_per_second   ops/s     device                  rate
 * disk.write_operations_per_second  ops/s     device                  rate
 * disk.busy_percent                 percent   device                  rate; transfer time / wall time
 * net.received_bytes_per_second     bytes/s   interface               rate
 * net.sent_bytes_per_second         bytes/s   interface               rate
 * net.received_packets_per_second   packets/s interface               rate
 * net.sent_packets_per_second       packets/s interface               rate
 * net.receive_errors_per_second     errors/s  interface               rate
 * net.send_errors_per_second        errors/s  interface               rate
 * net.receive_drops_per_second      drops/s   interface               rate
 * net.tcp_connections               count     state                   every TCP state, 0 included
 * process.count                     count     state                   every state, 0 included
 * process.cpu_percent               percent   pid, name, user         rate; top 5 by CPU + top 5 by RSS
 * process.rss_bytes                 bytes     pid, name, user         same processes
 * host.uptime_seconds               seconds   -
 * host.boot_time_seconds            seconds   -                       Unix epoch
 * host.info                         1         os, os_version, kernel
 * service.active                    1         unit, state             systemd services; state = ACTIVE column
 * service.count                     count     state                   every systemd active state, 0 included
 * container.running                 1/0       name, image             Docker, all containers
 * container.count                   count     state                   every Docker state, 0 included
 * container.memory_bytes            bytes     name                    running containers; memory_stats.usage
 * container.cpu_percent             percent   name                    rate; as docker stats (100 = one core)
 * </pre>
 */
package io.secumon.agent.collect;
