package dev.shiplog.e2e;

import dev.shiplog.testing.TestAuth;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every end-to-end test calls the platform as its instance administrator (the token ./shiplog up wrote to
 * .shiplog/secrets/admin-token) unless it says otherwise; registered for every test class through
 * junit-platform.properties.
 */
public class AsAdmin implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        TestAuth.usePlatform();
        TestAuth.asAdminByDefault();
    }
}
