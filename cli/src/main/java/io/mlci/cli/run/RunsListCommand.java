package io.mlci.cli.run;

import io.mlci.core.run.record.RunRecord;
import io.mlci.core.run.store.RunQuery;
import io.mlci.core.run.store.RunStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", mixinStandardHelpOptions = true, description = {"List runs, newest first.",
                "A record that cannot be read is named on stderr (exit status 1) and the others are still listed."},
        footer = {"", "Examples:", "  mlci runs list --branch main -n 5", "  mlci runs list --status failed --json",
                "  mlci runs list --pr 42"})
final class RunsListCommand implements Callable<Integer> {

    @ParentCommand
    RunsCommand runs;

    @Option(names = {"-b", "--branch"}, paramLabel = "BRANCH", description = "Only runs of this branch.")
    String branch;

    @Option(names = {"-c", "--commit"}, paramLabel = "COMMIT", description = "Only runs of this commit (or a prefix of it).")
    String commit;

    @Option(names = {"-s", "--status"}, paramLabel = "STATUS",
            description = "Only runs that ended so: succeeded, reused, failed, timed-out, killed.")
    String status;

    @Option(names = "--pr", paramLabel = "ID",
            description = "Only the runs pull request ID's builds recorded (they are kept apart, under pr/ID/ of the store, "
                    + "and not listed otherwise).")
    String pullRequest;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "20", description = "At most N runs (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Override
    public Integer call() {
        List<RunRecord> records;
        List<String> unreadable = new ArrayList<>();
        try (RunStore store = runs.openStore()) {
            RunStore listed = pullRequest == null ? store : store.pullRequestRuns(pullRequest);
            records = listed.records(new RunQuery(branch, commit, RunOptions.status(status), Math.max(0, limit)), unreadable);
        }
        // one damaged record must not hide the others: they are listed, it is named, and the exit status says so
        unreadable.forEach(runs.root().console()::error);
        int exit = unreadable.isEmpty() ? 0 : 1;
        if (runs.root().global().json()) {
            runs.root().console().json(records);
            return exit;
        }
        if (records.isEmpty()) {
            runs.root().console().out().println("no runs" + (pullRequest != null ? " of pull request " + pullRequest : "")
                    + (branch != null ? " on branch " + branch : "")
                    + (commit != null ? " of commit " + commit : ""));
            return exit;
        }
        runs.root().console().out().println(RunText.summaryHeader());
        records.forEach(run -> runs.root().console().out().println(RunText.summary(run)));
        return exit;
    }
}
