package dev.shiplog.kit.access;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A bearer credential taken from a request, to be checked by {@link CredentialIdentityProvider}. */
public class ApiTokenRequest extends BaseAuthenticationRequest {

    private final String credential;

    public ApiTokenRequest(String credential) {
        this.credential = credential;
    }

    public String credential() {
        return credential;
    }
}
