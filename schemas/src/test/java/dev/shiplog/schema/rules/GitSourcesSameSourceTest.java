package dev.shiplog.schema.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** One repository written several ways is one repository; two repositories are two. */
class GitSourcesSameSourceTest {

    @Test
    void aLocalRepositoryWrittenSeveralWaysIsOne() {
        for (String other : new String[] { "/srv/git/shop/", "file:///srv/git/shop", "file://localhost/srv/git/shop",
                "/srv/git/./shop", "/srv/git/x/../shop" }) {
            assertTrue(GitSources.sameSource("/srv/git/shop", other), other);
        }
    }

    @Test
    void aRemoteRepositoryWrittenSeveralWaysIsOne() {
        for (String other : new String[] { "https://GitHub.com/acme/shop.git", "https://github.com/acme/shop/",
                "HTTPS://github.com/acme/./shop" }) {
            assertTrue(GitSources.sameSource("https://github.com/acme/shop", other), other);
        }
    }

    @Test
    void twoRepositoriesAreTwo() {
        assertFalse(GitSources.sameSource("/srv/git/shop", "/srv/git/shop.git"));
        assertFalse(GitSources.sameSource("/srv/git/shop", "/srv/git/shop2"));
        assertFalse(GitSources.sameSource("https://github.com/acme/shop", "https://github.com/acme/Shop"));
        assertFalse(GitSources.sameSource("https://github.com/acme/shop", "https://gitlab.com/acme/shop"));
        assertFalse(GitSources.sameSource("https://github.com/acme/shop", "http://github.com/acme/shop:8080"));
        assertFalse(GitSources.sameSource(null, "/srv/git/shop"));
    }
}
