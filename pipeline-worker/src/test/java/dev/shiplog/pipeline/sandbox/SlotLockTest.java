package dev.shiplog.pipeline.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slot's lock: one holder on the machine, whatever this process asks about it meanwhile. */
class SlotLockTest {

    @TempDir
    Path dir;

    @Test
    void aHeldSlotIsNeitherTakenAgainNorFreeAndIsFreeOnceClosed() throws Exception {
        Path file = dir.resolve("app-slot-0.lock");
        SlotLock held = SlotLock.take(file);
        assertNotNull(held);

        assertNull(SlotLock.take(file));
        assertFalse(SlotLock.free(file));
        held.close();
        assertTrue(SlotLock.free(file));
    }

    @Test
    void anotherProcessCannotTakeASlotThisOneHoldsEvenAfterThisOneAskedAboutIt() throws Exception {
        Path file = dir.resolve("app-slot-1.lock");
        try (SlotLock held = SlotLock.take(file)) {
            assertNotNull(held);
            // asking (and trying to take it again) once opened and closed the file: that dropped the lock
            SlotLock.free(file);
            SlotLock.take(file);

            assertEquals("held", tryLockInAnotherProcess(file));
        }
        assertEquals("taken", tryLockInAnotherProcess(file));
    }

    /** A second JVM tries the lock: "taken" if it got it, "held" if another process holds it. */
    private String tryLockInAnotherProcess(Path file) throws Exception {
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, "import java.nio.channels.FileChannel; import java.nio.file.*;\n"
                + "public class Probe { public static void main(String[] a) throws Exception {\n"
                + " try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.WRITE)) {\n"
                + "  System.out.print(c.tryLock() == null ? \"held\" : \"taken\"); } } }\n");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                probe.toString(), file.toString()).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new String(process.getInputStream().readAllBytes()).strip();
    }
}
