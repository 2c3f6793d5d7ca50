package dev.shiplog.notification.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.schema.rules.FieldRules;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The ids a caller names in a path or a body. */
class IdentifiersTest {

    @Test
    void aProjectIdFollowsTheCatalogsNameRule() {
        assertEquals(Optional.empty(), Identifiers.project("shop-2"));
        assertEquals(Optional.of(new Violation("projectId", FieldRules.NAME_RULE)), Identifiers.project("Not_A_Project"));
    }

    @Test
    void aUuidIsCanonicalInAnyCase() {
        UUID id = UUID.randomUUID();
        assertEquals(Optional.of(id), Identifiers.uuid(id.toString()));
        assertEquals(Optional.of(id), Identifiers.uuid(id.toString().toUpperCase()));
        assertTrue(Identifiers.uuid("not-a-uuid").isEmpty());
        assertTrue(Identifiers.uuid("1-1-1-1-1").isEmpty()); // UUID.fromString takes it; it is not canonical
        assertTrue(Identifiers.uuid(null).isEmpty());
    }
}
