package io.geyserindexer.persister.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.persister.PersisterService;
import io.geyserindexer.testkit.SharedPostgres;
import io.geyserindexer.testkit.TcpProxy;
import io.geyserindexer.testkit.TestDatabase;
import io.geyserindexer.testkit.UniqueNames;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A far database makes every new connection cost several round trips, and HikariCP opens them one
 * at a time. A pool grown on demand left most consumer threads waiting (and timing out) for tens of
 * seconds once records arrived; the persister opens one connection per thread at start-up instead.
 */
class PoolFilledAtStartIT {

  private static final int THREADS = 4;

  @Test
  void opensOneConnectionPerConsumerThreadBeforeAnyRecordArrives() throws Exception {
    try (TestDatabase db = SharedPostgres.createDatabase("persister_pool");
        TcpProxy proxy = TcpProxy.start(db.host(), db.port())) {
      proxy.latency(Duration.ofMillis(50));
      Map<String, String> env =
          PersisterEnvironment.of(
              db,
              db.jdbcUrlVia(proxy.host(), proxy.port()),
              UniqueNames.of("pool"),
              UniqueNames.of("persister"));
      env.put("PERSISTER_THREADS", String.valueOf(THREADS));
      env.put("RUN_MIGRATIONS", "false");
      try (PersisterService service = InProcessPersister.start(env)) {
        // No topic exists, so no consumer asks for a connection: only the pool itself opens them.
        await("pool holds one connection per consumer thread")
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  assertThat(proxy.openConnections()).isEqualTo(THREADS);
                  assertThat(
                          service
                              .registry()
                              .get("hikaricp.connections")
                              .tag("pool", "persister")
                              .gauge()
                              .value())
                      .isEqualTo(THREADS);
                });
        assertThat(service.registry().get("persister.records").counter().count()).isZero();
      }
    }
  }
}
