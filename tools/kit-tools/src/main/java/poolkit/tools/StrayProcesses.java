package poolkit.tools;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Processes the test run left behind: started after it began, by the same user, still alive after Maven ended, and
 * neither the grader nor one of its parents. On a CI runner (GITHUB_ACTIONS) or with {@code --stop-strays} the
 * grader stops them before it reads any report, so nothing the code under test started can rewrite the reports or
 * the grader's output afterwards. Not by default on a workstation, where other programs start processes too.
 */
final class StrayProcesses {

    private StrayProcesses() {
    }

    /** Stops the strays (forcibly, with their children) and says which they were. */
    static List<String> stop(Instant since) {
        ProcessHandle self = ProcessHandle.current();
        Set<Long> keep = new java.util.HashSet<>();
        for (Optional<ProcessHandle> p = Optional.of(self); p.isPresent(); p = p.get().parent()) {
            keep.add(p.get().pid());
        }
        Optional<String> user = self.info().user();
        List<ProcessHandle> strays = ProcessHandle.allProcesses()
                .filter(p -> !keep.contains(p.pid()) && p.isAlive())
                .filter(p -> user.isPresent() && user.equals(p.info().user()))
                .filter(p -> p.info().startInstant().map(start -> !start.isBefore(since)).orElse(false))
                .collect(Collectors.toList());
        List<String> stopped = new ArrayList<>();
        for (ProcessHandle p : strays) {
            String command = p.info().commandLine().or(() -> p.info().command()).orElse("?");
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            if (p.destroyForcibly()) {
                stopped.add(p.pid() + " " + (command.length() > 160 ? command.substring(0, 157) + "..." : command));
            }
        }
        return stopped;
    }
}
