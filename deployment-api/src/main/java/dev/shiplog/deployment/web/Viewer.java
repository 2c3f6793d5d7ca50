package dev.shiplog.deployment.web;

import dev.shiplog.kit.access.Role;
import io.quarkus.qute.TemplateData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Who is looking at a page, as {@code GET /api/me} says: every page offers only the actions their role allows (the
 * API decides anyway; a button that would be refused is not shown). {@code csrf} goes with every change a page makes.
 */
@TemplateData
public record Viewer(String subject, boolean instanceAdmin, Map<String, Role> roles, String csrf) {

    @SuppressWarnings("unchecked")
    static Viewer of(Map<String, Object> me, String csrf) {
        Map<String, Role> roles = new HashMap<>();
        for (Map<String, Object> p : (List<Map<String, Object>>) me.getOrDefault("projects", List.of())) {
            String project = String.valueOf(p.get("projectId"));
            Role.fromWire(String.valueOf(p.get("role"))).ifPresent(r -> roles.put(project, r));
        }
        return new Viewer(String.valueOf(me.get("subject")), Boolean.TRUE.equals(me.get("instanceAdmin")), roles, csrf);
    }

    /** Whether the viewer has at least {@code role} (viewer, deployer, maintainer, admin) in {@code project}. */
    public boolean may(Object project, String role) {
        if (instanceAdmin) {
            return true;
        }
        Role have = roles.get(String.valueOf(project));
        return have != null && Role.fromWire(role).map(have::includes).orElse(false);
    }

    /** Whether the viewer may deploy to, roll back or promote into an environment: maintainers where protected. */
    public boolean mayDeploy(Object project, Object isProtected) {
        return may(project, Boolean.TRUE.equals(isProtected) ? "maintainer" : "deployer");
    }

    /** The projects the viewer may deploy to (for the deploy form); every project for an administrator. */
    public boolean deploysAnywhere() {
        return instanceAdmin || roles.values().stream().anyMatch(r -> r.includes(Role.DEPLOYER));
    }
}
