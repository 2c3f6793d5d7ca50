package dev.shiplog.pipeline.runtime;

import java.io.IOException;

/** A release that could not be started (its application exited, never listened, or there was no room): why. */
public class NotStartedException extends IOException {

    public NotStartedException(String reason) {
        super(reason);
    }
}
