package dev.hyperopt.engine.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a trial: {@code host/pid/start/random}. A holder on this host whose process is
 * gone (or is another process under a reused id) is known dead at once; elsewhere only the
 * lease tells, so a trial held on another machine waits for its lease to run out.
 */
record Owner(String host, long pid, long startMillis, String id) {

    static Owner current() {
        ProcessHandle me = ProcessHandle.current();
        long start = me.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        return new Owner(hostName(), me.pid(), start, UUID.randomUUID().toString().substring(0, 8));
    }

    String text() {
        return host + "/" + pid + "/" + startMillis + "/" + id;
    }

    static Optional<Owner> parse(String text) {
        if (text == null) return Optional.empty();
        String[] p = text.split("/");
        if (p.length != 4) return Optional.empty();
        try {
            return Optional.of(new Owner(p[0], Long.parseLong(p[1]), Long.parseLong(p[2]), p[3]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Whether the holder is certainly dead: it ran on this host and its process is gone. */
    static boolean deadHere(String ownerText, Owner me) {
        Optional<Owner> o = parse(ownerText);
        if (o.isEmpty() || !o.get().host.equals(me.host)) return false;
        if (o.get().pid == me.pid) return Math.abs(o.get().startMillis - me.startMillis) > 2000;
        Optional<ProcessHandle> p = ProcessHandle.of(o.get().pid);
        if (p.isEmpty() || !p.get().isAlive()) return true;
        Optional<Instant> started = p.get().info().startInstant();
        // Start times come from the process table at a coarser grain: allow for rounding.
        return o.get().startMillis != 0 && started.isPresent()
                && Math.abs(started.get().toEpochMilli() - o.get().startMillis) > 2000;
    }

    private static String hostName() {
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) return h.replace('/', '_');
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the network layer
        }
        try {
            return InetAddress.getLocalHost().getHostName().replace('/', '_');
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
