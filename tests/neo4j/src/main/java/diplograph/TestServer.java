package diplograph;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community for diplograph's tests: {@code java diplograph.TestServer HOME [PLUGINS]}.
 *
 * <p>Serves Bolt on 127.0.0.1 at a port the system picks (no race over a "free" port),
 * with authentication on: user {@code neo4j}, password from {@code $NEO4J_TEST_PASSWORD}
 * (never the command line, which other users can read). Writes the port to
 * {@code HOME/bolt.port} once serving, and stops when its standard input closes: the
 * parent closing it, or dying.
 */
public final class TestServer {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        String password = System.getenv("NEO4J_TEST_PASSWORD");
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                // The wrong-password tests must not lock the user for the tests after them.
                .setConfig(GraphDatabaseSettings.auth_max_failed_attempts, 0)
                // A test machine is shared: Neo4j would otherwise size its page cache
                // from the machine's memory.
                .setConfig(GraphDatabaseSettings.pagecache_memory, 256L << 20)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                // Stopping waited 5 s for Bolt's idle connections and 5 s more for its
                // threads: time a throwaway test server need not spend.
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time,
                           Duration.ofMillis(200))
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time,
                           Duration.ofMillis(200));
        if (args.length > 1) {
            builder.setConfig(GraphDatabaseSettings.plugin_dir, Path.of(args[1]).toAbsolutePath())
                   .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("apoc.*"));
        }
        DatabaseManagementService dbms = builder.build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown));
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("password", password));
        int port = ((GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME))
                .getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT).getPort();
        Path ready = home.resolve("bolt.port");
        Files.writeString(home.resolve("bolt.port.tmp"), port + "\n", StandardCharsets.UTF_8);
        Files.move(home.resolve("bolt.port.tmp"), ready);  // seen whole or not at all
        while (System.in.read() != -1) {
            // until the parent closes our stdin (or dies)
        }
        System.exit(0);  // the shutdown hook stops the DBMS
    }
}
