package dev.shiplog.pipeline.runtime.app;

import java.time.Duration;

/** Whether a new instance comes up: it listens on its PORT before the deadline, without exiting first. */
final class Readiness {

    private Readiness() {
    }

    /** Null once the instance listens; otherwise why it never will. */
    static String await(Instance instance, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        long pause = 10;
        while (System.nanoTime() < end) {
            if (!instance.process.isAlive()) {
                return "instance " + instance.index + " exited with code " + instance.process.exitValue()
                        + " before it listened on PORT " + instance.slot.port;
            }
            if (instance.listening()) {
                return null;
            }
            try {
                Thread.sleep(pause); // nothing tells when a process starts listening: polled, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while waiting for instance " + instance.index;
            }
            pause = Math.min(200, pause * 2);
        }
        return "instance " + instance.index + " did not listen on PORT " + instance.slot.port + " within "
                + deadline.toSeconds() + " s";
    }
}
