package dev.shiplog.pipeline.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The sessions of build steps, found through /proc: a step's session is killed whole when it ends, and a worker
 * starting after a crash kills the sessions its predecessor left ({@link #killOrphans}, from the records
 * {@link ProcessRunner} keeps under {@code <work-dir>/running}) and leaves alone the workspaces of runs whose worker
 * lives ({@link #liveTags}), such as another instance's on the same machine.
 */
public final class Sessions {

    private static final Logger LOG = Logger.getLogger(Sessions.class);

    /**
     * Kills every process of session {@code session} (and the leader's descendants, should one have left it), until
     * none is left. With {@code under}, only processes working under that directory (a session id found in a file
     * may have been reused after a reboot).
     */
    static void killSession(long session, Path under) {
        for (int round = 0; round < 20; round++) {
            List<ProcessHandle> members = ProcessHandle.allProcesses()
                    .filter(p -> p.pid() == session || sessionOf(p.pid()) == session)
                    .filter(p -> under == null || workingUnder(p.pid(), under)).toList();
            ProcessHandle.of(session).ifPresent(leader -> leader.descendants().forEach(ProcessHandle::destroyForcibly));
            if (members.isEmpty()) {
                return;
            }
            members.forEach(ProcessHandle::destroyForcibly);
            for (ProcessHandle member : members) {
                try {
                    member.onExit().get(200, TimeUnit.MILLISECONDS);
                } catch (Exception e) {
                    // still dying, or not ours to wait for: the next round looks again
                }
            }
        }
        LOG.warnf("session %d still has processes after 20 rounds of kill", session);
    }

    /**
     * After a crash: kills the sessions that a worker no longer alive left running (their records under
     * {@code runningDir}), only among processes working under {@code workspaces}. Returns the tags it cleaned.
     */
    public static List<String> killOrphans(Path runningDir, Path workspaces) throws IOException {
        if (!Files.isDirectory(runningDir)) {
            return List.of();
        }
        List<String> cleaned = new java.util.ArrayList<>();
        try (var records = Files.list(runningDir)) {
            for (Path record : records.toList()) {
                String[] parts = Files.readString(record).trim().split(" ");
                long worker = parts.length == 2 ? Long.parseLong(parts[0]) : -1;
                if (worker > 0 && ProcessHandle.of(worker).map(ProcessHandle::isAlive).orElse(false)) {
                    continue; // its worker lives (another instance on this machine)
                }
                if (parts.length == 2 && Long.parseLong(parts[1]) > 0) {
                    killSession(Long.parseLong(parts[1]), workspaces);
                }
                Files.deleteIfExists(record);
                cleaned.add(record.getFileName().toString());
            }
        }
        return cleaned;
    }

    /** Tags of runs whose worker is alive (this one or another instance on this machine). */
    public static java.util.Set<String> liveTags(Path runningDir) throws IOException {
        java.util.Set<String> out = new java.util.HashSet<>();
        if (!Files.isDirectory(runningDir)) {
            return out;
        }
        try (var records = Files.list(runningDir)) {
            for (Path record : records.toList()) {
                String[] parts = Files.readString(record).trim().split(" ");
                if (parts.length == 2 && ProcessHandle.of(Long.parseLong(parts[0])).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    out.add(record.getFileName().toString());
                }
            }
        }
        return out;
    }

    /** The session id of a process, from /proc/<pid>/stat; -1 if unknown. */
    static long sessionOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[3]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean workingUnder(long pid, Path dir) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")).startsWith(dir);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private Sessions() {
    }
}
