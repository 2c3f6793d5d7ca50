package dev.shiplog.kit.access;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * {@code Authorization: Bearer <credential>} on every call: an API token or a JWT, both checked by
 * {@link Credentials}. It runs before smallrye-jwt's own mechanism (higher priority) and answers for every bearer
 * credential, so there is one set of rules for REST and Kafka commands. No header: no identity (the endpoint then
 * answers 401, as every API endpoint requires one).
 */
@ApplicationScoped
public class BearerMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        if (header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "the Authorization header must be 'Bearer <token>'"));
        }
        ApiTokenRequest request = new ApiTokenRequest(header.substring(BEARER.length()).trim());
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(request, context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"shiplog\""));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiTokenRequest.class);
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1000;
    }
}
