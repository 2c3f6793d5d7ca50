package dev.shiplog.pipeline.runtime;

import java.util.Collection;

/** Where a running application's output goes: its deployment's log, as the {@code runtime} stream. */
public interface RuntimeLogs {

    /** An output for deployment {@code deploymentId}'s processes, with these secret values masked. */
    Output open(String deploymentId, Collection<String> secrets);

    /** One instance's output. */
    interface Output {

        /** Text the application printed. */
        void append(String text);

        /** A platform message about the application, on a line of its own. */
        void system(String line);

        /** The last characters printed, for a reason. */
        String tail();

        /** Nothing more comes: what is held back goes out. */
        void end();
    }
}
