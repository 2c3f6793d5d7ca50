package dev.shiplog.deployment.domain;

import java.util.List;

/**
 * Who the caller is to Shiplog: their subject, whether they administer the instance, the token they called with
 * (a project token: its project and role), and their role in each project they are a member of.
 */
public record Me(String subject, boolean instanceAdmin, String tokenId, String tokenProjectId, String tokenRole,
        List<ProjectRole> projects) {

    public record ProjectRole(String projectId, String role) {
    }
}
