package dev.shiplog.deployment.domain;

import java.util.List;

/** A page of the audit trail, newest first. */
public record AuditPage(List<AuditEntry> entries, int page, int size, long total) {
}
