package dev.shiplog.pipeline.service.job;

/** The lane's answer to a run that asks to go live (the point of no return), implemented by the lanes. */
public interface Activation {

    /** Granted at most once, to the attempt that holds the lane, unless a cancel came first. */
    enum Claim {
        GRANTED, CANCELLED, NOT_YOURS
    }

    Claim claim(String projectId, String environment, String deploymentId, int attempt);
}
