package dev.shiplog.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where the broker is and how to log in to it (the {@code kafka.*} configuration every channel uses), for the
 * clients a service makes itself: a rebuild's consumer, an admin client.
 */
@ApplicationScoped
public class KafkaClientConfig {

    private final Map<String, Object> base = new HashMap<>();

    public KafkaClientConfig(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap,
            @ConfigProperty(name = "kafka.security.protocol") Optional<String> protocol,
            @ConfigProperty(name = "kafka.sasl.mechanism") Optional<String> mechanism,
            @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> jaas) {
        base.put("bootstrap.servers", bootstrap);
        protocol.ifPresent(p -> base.put("security.protocol", p));
        if (protocol.map(p -> p.startsWith("SASL")).orElse(false)) {
            mechanism.ifPresent(m -> base.put("sasl.mechanism", m));
            jaas.ifPresent(j -> base.put("sasl.jaas.config", j));
        }
    }

    /** The connection settings with {@code more} on top. */
    public Map<String, Object> with(Map<String, Object> more) {
        Map<String, Object> out = new HashMap<>(base);
        out.putAll(more);
        return out;
    }
}
