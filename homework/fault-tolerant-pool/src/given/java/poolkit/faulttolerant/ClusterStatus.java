package poolkit.faulttolerant;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Collectors;

/**
 * GIVEN: the whole cluster as the pool sees it at one moment: how it routes reads, and every server's state. This is
 * what an operator's dashboard or a health endpoint would show.
 *
 * @param readPolicy how reads are spread over the replicas
 * @param servers    every server of the cluster, in the order of the configuration
 */
public record ClusterStatus(ReadPolicy readPolicy, List<ServerStatus> servers) {

    public ClusterStatus {
        servers = List.copyOf(servers);
    }

    /** The server with this name. */
    public ServerStatus server(String name) {
        return servers.stream().filter(server -> server.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no server named '" + name + "' in " + this));
    }

    /** The primary. */
    public ServerStatus primary() {
        return servers.stream().filter(server -> server.role() == ServerRole.PRIMARY).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no primary in " + this));
    }

    @Override
    public String toString() {
        return "reads " + readPolicy + "; " + servers.stream().map(ServerStatus::toString).collect(Collectors.joining("; "));
    }
}
