package dev.shiplog.pipeline.service.job;

import dev.shiplog.kit.config.GitSourcesConfig;
import dev.shiplog.pipeline.config.PipelineConfig;
import dev.shiplog.pipeline.domain.build.BuildLimits;
import dev.shiplog.pipeline.sandbox.BuildCgroups;
import dev.shiplog.pipeline.sandbox.BuildSandbox;
import dev.shiplog.pipeline.sandbox.ProcessRunner;
import dev.shiplog.schema.deployment.event.CommitSummary;
import dev.shiplog.schema.rules.FieldRules;
import dev.shiplog.schema.rules.GitSources;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Build: the source into a fresh workspace (a git clone at the commit or branch, or the uploaded archive, unpacked
 * under limits), then {@code installCommand} and {@code buildCommand}, each in a session of its own, under the
 * deployment's timeout. A non-zero exit or the deadline fails the deployment with the log's tail in the reason.
 */
@ApplicationScoped
public class BuildStage implements Stage {

    /** git takes these transports only (no ext::, no fd::), never prompts, reads no system configuration. */
    static final Map<String, String> GIT_ENVIRONMENT = Map.of("GIT_ALLOW_PROTOCOL", "file:git:http:https:ssh",
            "GIT_TERMINAL_PROMPT", "0", "GIT_CONFIG_NOSYSTEM", "1");

    private final PipelineConfig config;
    private final GitSources.Policy sources;
    private final BuildSandbox sandbox;
    private final BuildCgroups cgroups;

    public BuildStage(PipelineConfig config, GitSourcesConfig sources, BuildSandbox sandbox, BuildCgroups cgroups) {
        this.config = config;
        this.sources = sources.policy();
        this.sandbox = sandbox;
        this.cgroups = cgroups;
    }

    @Override
    public dev.shiplog.schema.common.Stage name() {
        return dev.shiplog.schema.common.Stage.BUILD;
    }

    @Override
    public Outcome run(JobContext job) throws Exception {
        DeploymentSpec spec = job.spec;
        String notIsolated = sandbox.problem();
        if (notIsolated != null) {
            job.log.system(notIsolated);
            return Outcome.failed(notIsolated);
        }
        job.log.system(sandbox.isolated() ? "the build runs as " + config.build().user() + ", isolated (it sees its"
                + " workspace only)" : "the build is NOT isolated (shiplog.build.isolation=none): it runs as the"
                + " worker's own user");
        BuildLimits limits = job.processes.limits();
        job.log.system(limits.describe());
        limits.notes().forEach(job.log::system);
        String unenforced = sandbox.isolated() ? cgroups.problem() : null;
        if (unenforced != null) {
            job.log.system(unenforced);
        }
        if (job.secretsProblem != null) {
            job.log.system(job.secretsProblem);
            return Outcome.failed(job.secretsProblem + " (configure that key for the pipeline-worker, or set the"
                    + " secret again)");
        }
        Files.createDirectories(job.workspace);
        Duration budget = spec.timeoutSeconds() != null ? Duration.ofSeconds(spec.timeoutSeconds())
                : config.defaultBuildTimeout();
        Instant deadline = Instant.now().plus(budget);
        List<String[]> steps = new ArrayList<>();
        HistoryTap history = new HistoryTap(job.log::append);
        Map<String, String> sourceEnv = new HashMap<>(GIT_ENVIRONMENT);
        if (spec.archiveId() != null) {
            Path archive = config.sourceDir().toAbsolutePath().resolve(spec.archiveId() + ".tar.gz");
            job.log.system("$ unpack " + spec.archiveId() + ".tar.gz");
            try {
                long bytes = SourceArchive.unpack(archive, job.workspace, config.maxSourceBytes(),
                        config.maxSourceEntries(), job.log::system);
                job.log.system("unpacked " + bytes + " bytes");
            } catch (java.nio.file.NoSuchFileException e) {
                return Outcome.failed("the source archive " + spec.archiveId() + " is no longer stored (uploads are"
                        + " kept for a limited time); upload it again");
            } catch (SourceArchive.Refused e) {
                job.log.system(e.getMessage());
                return Outcome.failed(e.getMessage());
            }
        } else {
            String refused = GitSourceCheck.refusal(spec.gitUrl(), sources);
            if (refused != null) {
                job.log.system("the source is refused: " + refused);
                return Outcome.failed("gitUrl " + refused);
            }
            String local = GitSources.localPath(spec.gitUrl());
            if (local != null) {
                // the sandbox shows this repository only, where it really is (not through a link)
                Path real;
                try {
                    real = Path.of(local).toRealPath();
                } catch (IOException e) { // gone since it was checked a moment ago
                    job.log.system("the source is refused: names no local repository");
                    return Outcome.failed("gitUrl names no local repository");
                }
                job.processes.allowRepository(real);
                sourceEnv.put("SHIPLOG_GIT_URL", real.toString());
            } else {
                sourceEnv.put("SHIPLOG_GIT_URL", spec.gitUrl());
            }
            sourceEnv.put("SHIPLOG_GIT_BRANCH", spec.gitBranch() == null ? "" : spec.gitBranch());
            sourceEnv.put("SHIPLOG_GIT_COMMIT", spec.gitCommit() == null ? "" : spec.gitCommit());
            // every value reaches git as an argument after the options, never as an option: --branch takes its value
            // literally, and the commit comes after --end-of-options. The build user does not own a local source
            // repository (git would refuse it as of "dubious ownership"): a global configuration of its own, in the
            // build's private /tmp, trusts it. Whatever git then does, it does as the build user, in the sandbox.
            // A process costs ~10 ms here: isolated, the file needs no mktemp (the step's /tmp is a tmpfs of its own),
            // and one git log gives both the commit checked out (its first line, logged by resolved()) and the history.
            String gitConfig = sandbox.isolated() ? "/tmp/shiplog-gitconfig" : "$(mktemp)";
            steps.add(new String[] { "checkout", "export GIT_CONFIG_GLOBAL=" + gitConfig + " &&"
                    + " printf '[safe]\\n\\tdirectory = *\\n' >\"$GIT_CONFIG_GLOBAL\" &&"
                    + " if [ -n \"$SHIPLOG_GIT_BRANCH\" ]; then"
                    + " git clone --quiet --branch \"$SHIPLOG_GIT_BRANCH\" -- \"$SHIPLOG_GIT_URL\" .;"
                    + " else git clone --quiet -- \"$SHIPLOG_GIT_URL\" .; fi"
                    + " && { [ -z \"$SHIPLOG_GIT_COMMIT\" ] || git -c advice.detachedHead=false switch --quiet"
                    + " --detach --end-of-options \"$SHIPLOG_GIT_COMMIT\"; }"
                    // then the history (SourceResolved), after a mark of this run's, kept apart from the log
                    + " && { printf '%s\\n' \"$SHIPLOG_HISTORY_MARK\"; git log -n " + HISTORY + " --format='%H%x09%s'"
                    + " || true; }" });
            sourceEnv.put("SHIPLOG_HISTORY_MARK", history.mark);
            job.log.system("$ git clone " + spec.gitUrl() + (spec.gitBranch() == null ? "" : " (" + spec.gitBranch()
                    + ")") + (spec.gitCommit() == null ? "" : " at " + spec.gitCommit()));
        }
        // the environment's variables and secrets as the deployment's snapshot holds them, then its own
        Map<String, String> buildEnv = new TreeMap<>(spec.variables());
        buildEnv.putAll(job.secrets);
        buildEnv.putAll(spec.environmentVariables());
        sandbox.prepare(job.workspace); // the build user's, before any of its commands runs there
        steps.add(new String[] { "install", spec.installCommand() });
        steps.add(new String[] { "build", spec.buildCommand() });
        for (String[] step : steps) {
            if (step[1] == null || step[1].isBlank()) {
                continue;
            }
            if (!step[0].equals("checkout")) {
                job.log.system("$ " + step[1]);
            }
            Map<String, String> env = step[0].equals("checkout") ? sourceEnv : buildEnv;
            Duration left = Duration.between(Instant.now(), deadline);
            BiConsumer<String, String> output = step[0].equals("checkout") ? history : job.log::append;
            ProcessRunner.Result result = left.isNegative() ? new ProcessRunner.Result(ProcessRunner.Outcome.TIMED_OUT, -1)
                    : job.processes.run(step[1], job.workspace.toFile(), env, left, output);
            if (step[0].equals("checkout")) {
                history.end();
            }
            if (result.outcome() == ProcessRunner.Outcome.STOPPED) {
                return Outcome.stopped();
            }
            long throttled = job.processes.group().throttledMillis();
            if (throttled > 1000) {
                job.log.system(limits.exceeded(BuildLimits.Kind.CPU) + " for " + throttled / 1000 + " s so far");
            }
            if (!result.succeeded() && result.exceeded() != null) {
                String why = step[0] + ": " + limits.exceeded(result.exceeded());
                job.log.system(why);
                return Outcome.failed(why + "\n--- last output ---\n" + job.log.tail());
            }
            if (result.exceeded() != null) {
                job.log.system(step[0] + " succeeded, though " + limits.exceeded(result.exceeded()));
            }
            if (!result.succeeded()) {
                String why = result.outcome() == ProcessRunner.Outcome.TIMED_OUT
                        ? step[0] + " timed out after " + budget.toSeconds() + " s"
                        : step[0] + " exited with " + result.exitCode();
                job.log.system(why);
                return Outcome.failed(why + "\n--- last output ---\n" + job.log.tail());
            }
            if (step[0].equals("checkout")) {
                resolved(job, history.history());
            }
        }
        return Outcome.succeeded(null);
    }

    /**
     * Records the commit checked out and the ones before it (SourceResolved), so environments can be compared by
     * the commits between them. Read with git in the checkout's own sandboxed step (one sandbox less per
     * deployment), after a mark of this run's that a repository cannot know, its output kept apart from the log and
     * bounded; what the repository says is input: shas are checked, titles cut and cleaned. A history that cannot
     * be read is logged and does not fail the build.
     */
    private void resolved(JobContext job, String out) throws IOException, InterruptedException {
        List<CommitSummary> history = new ArrayList<>();
        for (String line : out == null ? new String[0] : out.split("\n")) {
            int tab = line.indexOf('\t');
            String sha = tab < 0 ? line : line.substring(0, tab);
            if (!SHA.matcher(sha).matches()) {
                continue;
            }
            String title = tab < 0 ? "" : FieldRules.storable(line.substring(tab + 1)).replaceAll("\\p{Cntrl}", " ");
            history.add(CommitSummary.newBuilder().setSha(sha)
                    .setTitle(title.length() > TITLE ? title.substring(0, TITLE) : title).build());
            if (history.size() == HISTORY) {
                break;
            }
        }
        if (history.isEmpty()) {
            job.log.system("the commit history could not be read: environments will not be compared by commits");
            return;
        }
        job.log.system("checked out " + history.get(0).getSha() + " " + history.get(0).getTitle());
        job.publishSoon(job.events.sourceResolved(job.subject, history.get(0).getSha(), history));
    }

    /**
     * The checkout's output: what comes before the mark goes to the log as it comes; what comes after it is the
     * commit history (at most {@link #HISTORY_BYTES}). Standard error goes to the log whole.
     */
    static final class HistoryTap implements BiConsumer<String, String> {
        final String mark = "shiplog-history-" + java.util.UUID.randomUUID();
        private final BiConsumer<String, String> log;
        private final StringBuilder pending = new StringBuilder();
        private final StringBuilder history = new StringBuilder();
        private boolean marked;

        HistoryTap(BiConsumer<String, String> log) {
            this.log = log;
        }

        @Override
        public synchronized void accept(String stream, String text) {
            if (!stream.equals("STDOUT")) {
                log.accept(stream, text);
            } else if (marked) {
                keep(text);
            } else {
                pending.append(text);
                int at = pending.indexOf(mark + "\n");
                if (at >= 0) {
                    log.accept(stream, pending.substring(0, at));
                    marked = true;
                    keep(pending.substring(at + mark.length() + 1));
                    pending.setLength(0);
                } else if (pending.length() > mark.length()) {
                    // all but what could be the start of the mark
                    int upTo = pending.length() - mark.length();
                    log.accept(stream, pending.substring(0, upTo));
                    pending.delete(0, upTo);
                }
            }
        }

        private void keep(String text) {
            history.append(text, 0, Math.min(text.length(), Math.max(0, HISTORY_BYTES - history.length())));
        }

        /** The step is over: what was held back in case it was the mark goes to the log. */
        synchronized void end() {
            if (pending.length() > 0) {
                log.accept("STDOUT", pending.toString());
                pending.setLength(0);
            }
        }

        /** The history after the mark; null when the mark never came. */
        synchronized String history() {
            return marked ? history.toString() : null;
        }
    }

    static final int HISTORY = 200;
    static final int HISTORY_BYTES = 128 * 1024;
    static final int TITLE = 200;
    static final java.util.regex.Pattern SHA = java.util.regex.Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
}
