package dev.shiplog.notification.domain;

import java.util.List;

/** A page of a project's feed for one reader: newest first, each marked read or not, and how many are unread. */
public record FeedPage(List<Item> items, long unread, int page, int size) {

    /** A notification and whether this reader has read it. */
    public record Item(String id, String projectId, String environment, String deploymentId, String kind,
            String title, String detail, String url, java.time.Instant occurredAt, boolean read) {
    }
}
