package dev.shiplog.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.e2e.NotificationsIT.Receiver;
import dev.shiplog.testing.TestGitRepo;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The notification-service killed -9 in the middle of a burst of 200 notifications to a webhook. A receiver can be
 * sent a delivery again only when the service died with that delivery in flight (it cannot know whether the
 * receiver got it): then the request carries the same delivery id, which receivers drop. So every notification is
 * delivered, each under exactly one delivery id. A long run ({@code ./shiplog soak}); the chaos run of
 * {@code ./shiplog test} kills this service too and counts each deployment's final notification once.
 */
@Isolated
@Tag("soak")
class NotificationBurstIT {

    @Test
    void killedInTheMiddleOfABurstTheServiceMissesNothingAndARepeatIsTheSameDelivery() throws Exception {
        String project = NotificationsIT.project("burst");
        String secret = "whsec-" + UUID.randomUUID();
        int events = 200;
        try (Receiver receiver = new Receiver(secret, Duration.ofMinutes(10), n -> 200)) {
            NotificationsIT.subscribe(project, NotificationsIT.webhook(receiver, secret, "approval_requested"));
            String repo = TestGitRepo.create(project, Map.of("index.html", "burst\n")).path().toString();
            List<String> lanes = List.of("staging", "burst-1", "burst-2", "burst-3", "burst-4");
            for (String lane : lanes.subList(1, lanes.size())) {
                Platform.environment(project, lane, "{\"approvalRequired\": true}");
            }
            // killed -9 once 40 are in, while the burst goes on, and started again
            CompletableFuture<Void> crash = CompletableFuture.runAsync(() -> {
                await().atMost(NotificationsIT.WAIT).until(() -> receiver.delivered() >= 40);
                Components.kill9("notification-service");
                Components.up("notification-service");
            });
            // spread over environments: an environment takes at most 50 waiting deployments (shiplog.limits)
            for (int i = 0; i < events; i++) {
                Platform.deploy("{\"projectId\": \"" + project + "\", \"environment\": \"" + lanes.get(i % lanes.size())
                        + "\", \"version\": \"1\", \"gitUrl\": \"" + repo + "\", \"config\": {\"buildCommand\":"
                        + " \"true\"}}", "burst-" + i);
            }
            crash.get(3, TimeUnit.MINUTES);
            await().atMost(Duration.ofMinutes(3)).until(() -> receiver.delivered() >= events);
            assertEquals(events, receiver.delivered(), "each notification delivered (distinct delivery ids)");
            Map<String, Set<String>> idsByDeployment = new HashMap<>();
            for (Receiver.Received request : receiver.requests) {
                String about = JsonPath.from(request.body()).getString("notification.deploymentId");
                idsByDeployment.computeIfAbsent(about, k -> new HashSet<>()).add(request.deliveryId());
            }
            assertEquals(events, idsByDeployment.size(), "a notification for each deployment");
            assertTrue(idsByDeployment.values().stream().allMatch(ids -> ids.size() == 1),
                    "a notification sent under two delivery ids: " + idsByDeployment);
            long repeated = receiver.requests.size() - receiver.delivered();
            System.out.printf("burst: %d deliveries, %d requests (%d repeated, each with a delivery id sent before)%n",
                    receiver.delivered(), receiver.requests.size(), repeated);
        }
    }
}
