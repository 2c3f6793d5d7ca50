package dev.shiplog.pipeline.service.upkeep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.shiplog.pipeline.repository.LaneEntryEntity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The sweeper adopts its own instance's deployment only on the second sweep that finds it running nowhere here. */
class SweeperJudgeTest {

    static LaneEntryEntity entry(String id, int attempt, String owner) {
        LaneEntryEntity e = new LaneEntryEntity();
        e.deploymentId = id;
        e.attempt = attempt;
        e.owner = owner;
        return e;
    }

    @Test
    void anotherInstancesOrphanIsAdoptedAtOnceOwnOnlyWhenSeenTwice() {
        // given: one of a gone instance's, one just leased here (its run not yet handed to the runner)
        LaneEntryEntity theirs = entry("d1", 1, "host:1:gone");
        LaneEntryEntity ours = entry("d2", 1, "host:2:self");
        // when the first sweep sees both
        Sweeper.Judged first = Sweeper.judge("host:2:self", List.of(theirs, ours), Set.of());
        // then only theirs is adopted; ours is suspected
        assertEquals(List.of(theirs), first.adopt());
        assertEquals(Set.of("d2/1"), first.suspects());
        // when the next sweep still finds ours running nowhere here, it is adopted
        Sweeper.Judged second = Sweeper.judge("host:2:self", List.of(ours), first.suspects());
        assertEquals(List.of(ours), second.adopt());
        // and a suspicion that the runner answered meanwhile (not seen again) is forgotten
        assertEquals(Set.of(), Sweeper.judge("host:2:self", List.of(), first.suspects()).suspects());
        // a later attempt of the same deployment is a new suspicion
        assertEquals(List.of(), Sweeper.judge("host:2:self", List.of(entry("d2", 2, "host:2:self")),
                first.suspects()).adopt());
    }
}
