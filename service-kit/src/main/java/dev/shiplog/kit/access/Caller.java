package dev.shiplog.kit.access;

/**
 * Who is calling, as their credential proves it.
 *
 * @param subject who acts: a user (a personal API token, a JWT), or {@code token:<tokenId>} for a project token
 * @param instanceAdmin an administrator of the whole instance (the bootstrap token, or a JWT in the admin group)
 * @param tokenId the API token used, or null (a JWT)
 * @param tokenProject for a project token, the one project it may act on
 * @param tokenRole for a project token, its role there
 * @param tokenIssuer for a project token, who made it: the person it acts for
 */
public record Caller(String subject, boolean instanceAdmin, String tokenId, String tokenProject, Role tokenRole,
        String tokenIssuer) {

    /**
     * The person acting: a project token acts for whoever made it (for the four-eyes rule and in the audit), anyone
     * else for themselves.
     */
    public String person() {
        return projectToken() && tokenIssuer != null ? tokenIssuer : subject;
    }

    /** The credential acted through when it is not the person's own ({@code token:<id>}, a project token), or null. */
    public String credential() {
        return projectToken() ? subject : null;
    }

    /** An API token for a project: it acts on that project only, with the role it was given. */
    public boolean projectToken() {
        return tokenProject != null;
    }
}
