package io.geyserindexer.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The proxy's delay queue must hand out a direction's chunks in the order they were read. */
class TcpProxyDeadlinesTest {

  @Test
  void aChunkReadAfterTheLatencyDropsWaitsForTheOneReadBeforeIt() throws Exception {
    AtomicLong latency = new AtomicLong(Duration.ofMillis(200).toNanos());
    TcpProxy.Deadlines deadlines = new TcpProxy.Deadlines(latency::get);
    DelayQueue<TcpProxy.Chunk> queue = new DelayQueue<>();

    queue.put(deadlines.next(new byte[] {'A'}));
    latency.set(0);
    queue.put(deadlines.next(new byte[] {'B'}));

    TcpProxy.Chunk first = queue.poll(5, TimeUnit.SECONDS);
    TcpProxy.Chunk second = queue.poll(5, TimeUnit.SECONDS);
    assertThat(first.bytes()).containsExactly('A');
    assertThat(second.bytes()).containsExactly('B');
  }

  @Test
  void chunksDueAtTheSameInstantKeepTheirReadOrder() throws Exception {
    TcpProxy.Deadlines deadlines = new TcpProxy.Deadlines(() -> Duration.ofMillis(50).toNanos());
    TcpProxy.Chunk first = deadlines.next(new byte[] {'A'});
    TcpProxy.Chunk second = deadlines.next(new byte[] {'B'});
    TcpProxy.Chunk sameDue = new TcpProxy.Chunk(first.dueNanos(), second.sequence(), new byte[0]);

    assertThat(first.compareTo(sameDue)).isNegative();
    assertThat(sameDue.compareTo(first)).isPositive();
  }
}
