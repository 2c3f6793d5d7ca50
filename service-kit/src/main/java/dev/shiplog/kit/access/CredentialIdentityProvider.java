package dev.shiplog.kit.access;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a checked credential into the request's identity, with the {@link Caller} as its attribute. */
@ApplicationScoped
public class CredentialIdentityProvider implements IdentityProvider<ApiTokenRequest> {

    static final String CALLER = "shiplog.caller";
    static final String INSTANCE_ADMIN = "instance-admin";

    private final Credentials credentials;

    public CredentialIdentityProvider(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public Class<ApiTokenRequest> getRequestType() {
        return ApiTokenRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiTokenRequest request, AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            Caller caller = credentials.verify(request.credential());
            QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal(caller.subject()))
                    .addAttribute(CALLER, caller);
            if (caller.instanceAdmin()) {
                identity.addRole(INSTANCE_ADMIN);
            }
            return identity.build();
        });
    }
}
