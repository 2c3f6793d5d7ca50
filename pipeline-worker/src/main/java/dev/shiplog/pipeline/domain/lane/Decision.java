package dev.shiplog.pipeline.domain.lane;

import org.apache.avro.specific.SpecificRecord;

/** What the lane decided: an event to put on the log, a deployment to run here, a run to stop wherever it is. */
public sealed interface Decision {

    /** Put {@code event} on the log (before the decision's transaction commits). */
    record Emit(SpecificRecord event) implements Decision {
    }

    /** Run attempt {@code attempt} of the deployment on this instance (once the transaction committed). */
    record Run(String deploymentId, int attempt) implements Decision {
    }

    /** Stop the deployment's run, on whichever instance has it (it reads the cancellation from its lease). */
    record Stop(String deploymentId, String reason) implements Decision {
    }
}
