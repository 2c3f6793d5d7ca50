package dev.shiplog.environment.domain.state;

import dev.shiplog.schema.rules.ReleaseLine;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What went live in one environment and what is live there now. The answer is schemas' {@link ReleaseLine} (the one
 * home of "what is live"); this class only feeds it with this service's facts and keeps the version of each
 * deployment beside it. The projection (as events arrive) and the state at an instant (folded from the journal)
 * both go through {@link #after} and {@link #live}, so they cannot disagree.
 *
 * @param line the releases in the order they went live
 * @param versions the version of each deployment, as far as known
 */
public record Releases(ReleaseLine line, Map<String, String> versions) {

    /** The release live in an environment: its deployment, its version (null if unknown), its artifact. */
    public record Live(String deploymentId, String version, String artifactId) {
    }

    public Releases {
        versions = Map.copyOf(versions);
    }

    public static Releases none() {
        return new Releases(ReleaseLine.empty(), Map.of());
    }

    /** The releases after {@code fact}; a fact that is not about releases changes nothing. */
    public Releases after(Fact fact) {
        if (fact instanceof Fact.Activated a) {
            return new Releases(line.activated(a.deploymentId(), a.artifactId()),
                    a.version() == null || versions.containsKey(a.deploymentId()) ? versions
                            : with(a.deploymentId(), a.version()));
        } else if (fact instanceof Fact.Succeeded s) {
            return s.version() == null ? this : new Releases(line, with(s.deploymentId(), s.version()));
        } else if (fact instanceof Fact.Withdrawn w) {
            return new Releases(line.endedWithoutSuccess(w.deploymentId()), versions);
        } else if (fact instanceof Fact.Restored r) {
            return new Releases(line.liveAgain(r.deploymentId(), null), versions);
        } else if (fact instanceof Fact.WentLive l) {
            return new Releases(line.liveAgain(l.deploymentId(), l.artifactId()),
                    l.version() == null ? versions : with(l.deploymentId(), l.version()));
        }
        return this;
    }

    /** What is live now, if anything. */
    public Optional<Live> live() {
        return line.live().map(r -> new Live(r.deploymentId(), versions.get(r.deploymentId()), r.artifactId()));
    }

    /**
     * Whether {@code fact} is news for the environment it is about (it exists from then on, its {@code updatedAt}
     * moves): every fact is, but the end of a deployment that never went live there.
     */
    public static boolean isNews(Fact fact, Releases before, Releases after) {
        return !(fact instanceof Fact.Withdrawn) || !before.line().releases().equals(after.line().releases());
    }

    /** Whether {@code fact} is about what went live (else {@link #after} ignores it). */
    public static boolean isAbout(Fact fact) {
        return fact instanceof Fact.Activated || fact instanceof Fact.Succeeded || fact instanceof Fact.Withdrawn
                || fact instanceof Fact.Restored || fact instanceof Fact.WentLive;
    }

    private Map<String, String> with(String deploymentId, String version) {
        Map<String, String> next = new HashMap<>(versions);
        next.put(deploymentId, version);
        return next;
    }
}
