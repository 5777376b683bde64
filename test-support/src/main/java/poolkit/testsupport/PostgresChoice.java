package poolkit.testsupport;

import java.util.Locale;
import java.util.Map;

/**
 * Where the tests tagged {@code postgres} find their PostgreSQL. One switch for the whole kit: the system property
 * {@value #PROPERTY} (for example {@code ./mvnw test -Dpoolkit.db=testcontainers}), or else the environment
 * variable {@value #ENVIRONMENT_VARIABLE}; without either, an embedded PostgreSQL is started.
 *
 * <ul>
 *   <li>{@code embedded}: a real PostgreSQL 17 started from binaries on Maven Central (no Docker, no install);</li>
 *   <li>{@code testcontainers} or {@code testcontainers:<image>}: a PostgreSQL container (needs Docker);</li>
 *   <li>{@code jdbc:postgresql://host:port/db?user=...&password=...}: a server you already run;</li>
 *   <li>{@code none}: skip the PostgreSQL tests (H2 tests still run).</li>
 * </ul>
 */
public sealed interface PostgresChoice {

    String PROPERTY = "poolkit.db";
    String ENVIRONMENT_VARIABLE = "POOLKIT_DB";
    String DEFAULT_IMAGE = "postgres:17-alpine";

    /** Embedded PostgreSQL, started once per test run. */
    record Embedded() implements PostgresChoice {}

    /** A Testcontainers PostgreSQL container of the given image. */
    record Testcontainers(String image) implements PostgresChoice {}

    /** A running server the user points at. */
    record External(String jdbcUrl) implements PostgresChoice {}

    /** PostgreSQL tests are skipped. */
    record None() implements PostgresChoice {}

    /** The choice made by this JVM's system properties and environment. */
    static PostgresChoice current() {
        return resolve(System.getProperty(PROPERTY), System.getenv());
    }

    /** The property wins over the environment; neither means embedded. */
    static PostgresChoice resolve(String property, Map<String, String> environment) {
        if (property != null && !property.isBlank()) {
            return parse(property);
        }
        return parse(environment.getOrDefault(ENVIRONMENT_VARIABLE, ""));
    }

    static PostgresChoice parse(String setting) {
        String value = setting == null ? "" : setting.trim();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || lower.equals("embedded")) {
            return new Embedded();
        }
        if (lower.equals("testcontainers")) {
            return new Testcontainers(DEFAULT_IMAGE);
        }
        if (lower.startsWith("testcontainers:")) {
            return new Testcontainers(value.substring("testcontainers:".length()));
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new External(value);
        }
        if (lower.equals("none") || lower.equals("off")) {
            return new None();
        }
        throw new IllegalArgumentException(PROPERTY + "=" + value + " is not a database choice the kit knows. Use one of: "
                + "embedded (default), testcontainers, testcontainers:<image>, none, "
                + "or a URL such as jdbc:postgresql://localhost:5432/poolkit?user=me&password=secret");
    }
}
