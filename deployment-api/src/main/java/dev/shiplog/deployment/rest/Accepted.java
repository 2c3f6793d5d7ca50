package dev.shiplog.deployment.rest;

/** Answer to an accepted deployment request: where to follow it. */
public record Accepted(String id, String status, String statusUrl) {
}
