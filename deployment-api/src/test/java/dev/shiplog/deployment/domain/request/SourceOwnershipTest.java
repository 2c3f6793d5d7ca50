package dev.shiplog.deployment.domain.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.deployment.domain.Violation;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Whose code a deployment may build: its project's repository, or sources no other project has when allowed. */
class SourceOwnershipTest {

    static final Predicate<String> BILLING_OWNS = url -> url.startsWith("/srv/git/billing");
    static final SourceOwnership.Owner SHOP = new SourceOwnership.Owner("/srv/git/shop", false);

    @Test
    void givenTheProjectsOwnRepositoryWrittenAnyWayItIsBuilt() {
        assertNull(SourceOwnership.check("shop", "/srv/git/shop", SHOP, BILLING_OWNS));
        assertNull(SourceOwnership.check("shop", "file:///srv/git/shop/", SHOP, BILLING_OWNS));
        assertNull(SourceOwnership.check("shop", null, SHOP, BILLING_OWNS));
    }

    @Test
    void givenAnotherSourceOfAProjectThatAllowsNoneItIsRefusedNamingTheRepository() {
        Violation refused = SourceOwnership.check("shop", "https://github.com/acme/other", SHOP, BILLING_OWNS);
        assertEquals("gitUrl", refused.field());
        assertTrue(refused.rule().contains("must be project shop's repositoryUrl (/srv/git/shop)"), refused.rule());
        assertTrue(refused.rule().contains("allowOtherSources"), refused.rule());
    }

    @Test
    void givenAProjectThatAllowsOtherSourcesTheyAreBuiltButNeverAnotherProjectsRepository() {
        SourceOwnership.Owner open = new SourceOwnership.Owner("/srv/git/shop", true);
        assertNull(SourceOwnership.check("shop", "https://github.com/acme/other", open, BILLING_OWNS));
        assertTrue(SourceOwnership.check("shop", "/srv/git/billing", open, BILLING_OWNS).rule()
                .contains("another project's repository"));
    }

    @Test
    void givenAProjectWithoutARepositoryItBuildsAnySourceButAnotherProjectsRepository() {
        assertNull(SourceOwnership.check("shop", "/srv/git/loose", SourceOwnership.Owner.NONE, BILLING_OWNS));
        assertEquals("gitUrl", SourceOwnership.check("shop", "/srv/git/billing/", SourceOwnership.Owner.NONE,
                BILLING_OWNS).field());
    }
}
