package dev.shiplog.kit.access;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The service's own copy of who may do what ({@code access_token}, {@code access_member}, in its schema; every
 * service's migrations create them), projected from {@code shiplog.access.events} by {@link AccessProjection}.
 */
@ApplicationScoped
public class AccessStore {

    /**
     * A token as the log describes it; never its secret. {@code instanceAdmin}: a dashboard session of an instance
     * administrator.
     */
    public record TokenRecord(String tokenId, String name, String subject, String secretSha256, Instant expiresAt,
            String projectId, String role, Instant issuedAt, String issuedBy, Instant revokedAt,
            boolean instanceAdmin) {
    }

    /** A member of a project. */
    public record Member(String projectId, String subject, String role, Instant grantedAt, String grantedBy) {
    }

    private static final String TOKEN_COLUMNS = "token_id, name, subject, secret_sha256, expires_at, project_id,"
            + " role, issued_at, issued_by, revoked_at, instance_admin";

    private final EntityManager em;

    public AccessStore(EntityManager em) {
        this.em = em;
    }

    public Optional<TokenRecord> token(String tokenId) {
        List<?> rows = em.createNativeQuery("select " + TOKEN_COLUMNS + " from access_token where token_id = ?1")
                .setParameter(1, tokenId).getResultList();
        return rows.stream().findFirst().map(r -> token((Object[]) r));
    }

    /** Personal tokens of {@code subject}, newest first. */
    public List<TokenRecord> tokensOf(String subject) {
        return tokens("subject = ?1 and project_id is null", subject);
    }

    /** Tokens of a project, newest first. */
    public List<TokenRecord> tokensOfProject(String projectId) {
        return tokens("project_id = ?1", projectId);
    }

    private List<TokenRecord> tokens(String where, String value) {
        return em.createNativeQuery("select " + TOKEN_COLUMNS + " from access_token where " + where
                + " order by issued_at desc, token_id limit 1000").setParameter(1, value).getResultList().stream()
                .map(r -> token((Object[]) r)).toList();
    }

    public Optional<Role> memberRole(String projectId, String subject) {
        List<?> rows = em.createNativeQuery("select role from access_member where project_id = ?1 and subject = ?2")
                .setParameter(1, projectId).setParameter(2, subject).getResultList();
        return rows.stream().findFirst().flatMap(role -> Role.fromWire((String) role));
    }

    /** The projects {@code subject} is a member of, with its role there. */
    public List<Member> memberships(String subject) {
        return em.createNativeQuery("select project_id, subject, role, granted_at, granted_by from access_member"
                + " where subject = ?1 order by project_id").setParameter(1, subject).getResultList().stream()
                .map(r -> {
                    Object[] row = (Object[]) r;
                    return new Member((String) row[0], (String) row[1], (String) row[2], instant(row[3]),
                            (String) row[4]);
                }).toList();
    }

    public List<Member> members(String projectId) {
        return em.createNativeQuery("select project_id, subject, role, granted_at, granted_by from access_member"
                + " where project_id = ?1 order by subject").setParameter(1, projectId).getResultList().stream()
                .map(r -> {
                    Object[] row = (Object[]) r;
                    return new Member((String) row[0], (String) row[1], (String) row[2], instant(row[3]),
                            (String) row[4]);
                }).toList();
    }

    // ---- written by AccessProjection only

    void issued(TokenRecord t) {
        em.createNativeQuery("insert into access_token (" + TOKEN_COLUMNS + ") values (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                + " ?8, ?9, null, ?10) on conflict (token_id) do nothing")
                .setParameter(1, t.tokenId()).setParameter(2, t.name()).setParameter(3, t.subject())
                .setParameter(4, t.secretSha256()).setParameter(5, Timestamp.from(t.expiresAt()))
                .setParameter(6, t.projectId()).setParameter(7, t.role()).setParameter(8, Timestamp.from(t.issuedAt()))
                .setParameter(9, t.issuedBy()).setParameter(10, t.instanceAdmin()).executeUpdate();
    }

    void revoked(String tokenId, Instant at, String by) {
        em.createNativeQuery("update access_token set revoked_at = ?2, revoked_by = ?3 where token_id = ?1"
                + " and revoked_at is null").setParameter(1, tokenId).setParameter(2, Timestamp.from(at))
                .setParameter(3, by).executeUpdate();
    }

    void granted(Member m) {
        em.createNativeQuery("insert into access_member (project_id, subject, role, granted_at, granted_by)"
                + " values (?1, ?2, ?3, ?4, ?5) on conflict (project_id, subject) do update set role = excluded.role,"
                + " granted_at = excluded.granted_at, granted_by = excluded.granted_by")
                .setParameter(1, m.projectId()).setParameter(2, m.subject()).setParameter(3, m.role())
                .setParameter(4, Timestamp.from(m.grantedAt())).setParameter(5, m.grantedBy()).executeUpdate();
    }

    void removed(String projectId, String subject) {
        em.createNativeQuery("delete from access_member where project_id = ?1 and subject = ?2")
                .setParameter(1, projectId).setParameter(2, subject).executeUpdate();
    }

    private static TokenRecord token(Object[] r) {
        return new TokenRecord((String) r[0], (String) r[1], (String) r[2], (String) r[3], instant(r[4]),
                (String) r[5], (String) r[6], instant(r[7]), (String) r[8], instant(r[9]),
                Boolean.TRUE.equals(r[10]));
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
