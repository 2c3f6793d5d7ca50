package dev.shiplog.kit.access;

import dev.shiplog.schema.rules.FieldRules;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Checks a credential, as a REST call ({@code Authorization: Bearer ...}) or a Kafka command ({@code credential})
 * carries it, and says who it proves the caller is:
 * <ul>
 * <li>the instance's bootstrap admin token (its sha256 is configuration: {@code shiplog-auth.admin-token-sha256},
 * written by {@code ./shiplog up}), subject {@code admin}, an instance administrator;</li>
 * <li>an API token {@code shp_<id>_<secret>}: known (issued on the log), its secret matching, not expired, not
 * revoked;</li>
 * <li>a JWT signed by the configured issuer ({@code mp.jwt.verify.*}, single sign-on): its subject (upn,
 * preferred_username or sub); an instance administrator when its groups hold {@code shiplog-auth.admin-group}.</li>
 * </ul>
 * Anything else is an {@link AuthenticationFailedException} saying why (answered 401).
 */
@ApplicationScoped
public class Credentials {

    public static final String ADMIN_SUBJECT = "admin";

    private final AccessStore store;
    private final JWTParser jwt;
    private final Optional<String> adminTokenSha256;
    private final String adminGroup;

    public Credentials(AccessStore store, JWTParser jwt,
            @ConfigProperty(name = "shiplog-auth.admin-token-sha256") Optional<String> adminTokenSha256,
            @ConfigProperty(name = "shiplog-auth.admin-group", defaultValue = "shiplog-admin") String adminGroup) {
        this.store = store;
        this.jwt = jwt;
        this.adminTokenSha256 = adminTokenSha256.filter(s -> !s.isBlank());
        this.adminGroup = adminGroup;
    }

    /** Who {@code credential} proves the caller is; blocking (it may read the database). */
    public Caller verify(String credential) {
        if (credential == null || credential.isBlank()) {
            throw new AuthenticationFailedException("no credential: send Authorization: Bearer <token>");
        }
        if (credential.length() > FieldRules.CREDENTIAL || FieldRules.hasControl(credential, false)) {
            throw new AuthenticationFailedException("the credential is not a token");
        }
        if (credential.startsWith(ApiTokens.PREFIX)) {
            return apiToken(credential);
        }
        if (credential.chars().filter(c -> c == '.').count() == 2) {
            return jwt(credential);
        }
        throw new AuthenticationFailedException("the credential is neither an API token (shp_...) nor a JWT");
    }

    private Caller apiToken(String token) {
        if (adminTokenSha256.isPresent() && ApiTokens.sameHash(ApiTokens.sha256(token), adminTokenSha256.get())) {
            return new Caller(ADMIN_SUBJECT, true, "bootstrap", null, null, null);
        }
        ApiTokens.Parsed parsed = ApiTokens.parse(token)
                .orElseThrow(() -> new AuthenticationFailedException("the API token is malformed"));
        AccessStore.TokenRecord record = QuarkusTransaction.requiringNew().call(() -> store.token(parsed.tokenId()))
                .filter(t -> ApiTokens.sameHash(ApiTokens.sha256(parsed.secret()), t.secretSha256()))
                .orElseThrow(() -> new AuthenticationFailedException("the API token is not known"));
        if (record.revokedAt() != null) {
            throw new AuthenticationFailedException("the API token " + record.tokenId() + " was revoked");
        }
        if (!record.expiresAt().isAfter(Instant.now())) {
            throw new AuthenticationFailedException("the API token " + record.tokenId() + " expired at "
                    + record.expiresAt());
        }
        Role role = record.projectId() == null ? null : Role.fromWire(record.role()).orElse(Role.VIEWER);
        return new Caller(record.subject(), record.instanceAdmin(), record.tokenId(), record.projectId(), role, record.issuedBy());
    }

    private Caller jwt(String token) {
        JsonWebToken parsed;
        try {
            parsed = jwt.parse(token);
        } catch (ParseException e) {
            throw new AuthenticationFailedException("the JWT is not valid: " + reason(e));
        }
        String subject = parsed.getName();
        if (subject == null || FieldRules.subject(subject) != null) {
            throw new AuthenticationFailedException("the JWT names no usable subject (upn, preferred_username or"
                    + " sub " + FieldRules.subject(String.valueOf(subject)) + ")");
        }
        boolean admin = parsed.getGroups() != null && parsed.getGroups().contains(adminGroup);
        return new Caller(subject, admin, null, null, null, null);
    }

    /**
     * Why a JWT was refused, in words of our own: the parser's message names the token's claims (and so echoes
     * whatever a caller wrote in them), which a 401 must never pass back.
     */
    static String reason(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        return JwtRefusal.of(all.toString());
    }
}
