package io.geyserindexer.ingestor.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.geyserindexer.ingestor.parse.EventKind;
import io.geyserindexer.ingestor.parse.ParsedEvent;
import io.geyserindexer.proto.events.EventRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventQueueTest {

  private static final ParsedEvent EVENT =
      new ParsedEvent(EventKind.SLOT_STATUS, "1", 1, EventRecord.getDefaultInstance());

  /** Records what the stream was granted. */
  static final class Stream implements EventQueue.CreditSink {
    final List<Integer> grants = new ArrayList<>();

    @Override
    public void request(int messages) {
      grants.add(messages);
    }

    int total() {
      return grants.stream().mapToInt(Integer::intValue).sum();
    }
  }

  @Test
  void blockNeverGrantsMoreThanFreeSpaceAndRegrantsAsThePublisherTakes() throws Exception {
    EventQueue queue = new EventQueue(100, OverflowPolicy.BLOCK);
    Stream stream = new Stream();
    queue.attach(stream);
    assertThat(stream.total()).isEqualTo(100);
    for (int i = 0; i < 100; i++) {
      assertThat(queue.accept(stream, EVENT)).isTrue();
      assertThat(queue.size() + queue.outstanding()).isLessThanOrEqualTo(100);
    }
    assertThat(stream.total()).isEqualTo(100);
    assertThat(queue.outstanding()).isZero();
    // Taking fewer than a batch (25) grants nothing; reaching a batch grants exactly the freed
    // space.
    for (int i = 0; i < 24; i++) {
      queue.poll(0, TimeUnit.MILLISECONDS);
    }
    assertThat(stream.total()).isEqualTo(100);
    queue.poll(0, TimeUnit.MILLISECONDS);
    assertThat(stream.total()).isEqualTo(125);
    assertThat(queue.size() + queue.outstanding()).isEqualTo(100);
  }

  @Test
  void drainingGrantsTheFreedSpaceOnceAndNeverMoreThanAsked() {
    EventQueue queue = new EventQueue(100, OverflowPolicy.BLOCK);
    Stream stream = new Stream();
    queue.attach(stream);
    for (int i = 0; i < 100; i++) {
      queue.accept(stream, EVENT);
    }
    List<ParsedEvent> batch = new ArrayList<>();
    assertThat(queue.drainTo(batch, 60)).isEqualTo(60);
    assertThat(batch).hasSize(60);
    assertThat(queue.size()).isEqualTo(40);
    assertThat(stream.grants).containsExactly(100, 60);
    assertThat(queue.size() + queue.outstanding()).isEqualTo(100);
    assertThat(queue.drainTo(batch, 100)).isEqualTo(40);
    assertThat(queue.drainTo(batch, 100)).isZero();
    assertThat(stream.grants).containsExactly(100, 60, 40);
  }

  @Test
  void nonEventMessagesGiveTheirCreditBack() {
    EventQueue queue = new EventQueue(4, OverflowPolicy.BLOCK);
    Stream stream = new Stream();
    queue.attach(stream);
    for (int i = 0; i < 4; i++) {
      queue.skip(stream);
    }
    assertThat(stream.total()).isEqualTo(8);
    assertThat(queue.outstanding()).isEqualTo(4);
  }

  @Test
  void aDetachedStreamGetsNothingAndANewOneGetsTheFreeSpace() {
    EventQueue queue = new EventQueue(10, OverflowPolicy.BLOCK);
    Stream old = new Stream();
    queue.attach(old);
    queue.accept(old, EVENT);
    queue.accept(old, EVENT);
    queue.detach(old);
    Stream fresh = new Stream();
    queue.attach(fresh);
    assertThat(fresh.total()).isEqualTo(8);
    // A straggler from the cancelled stream is kept, never lost.
    assertThat(queue.accept(old, EVENT)).isTrue();
    assertThat(queue.size()).isEqualTo(3);
    assertThat(old.total()).isEqualTo(10);
  }

  @Test
  void dropRefusesWhenFullAndKeepsReading() {
    EventQueue queue = new EventQueue(3, OverflowPolicy.DROP);
    Stream stream = new Stream();
    queue.attach(stream);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 10; i++) {
      if (queue.accept(stream, EVENT)) {
        accepted++;
      } else {
        refused++;
      }
    }
    assertThat(accepted).isEqualTo(3);
    assertThat(refused).isEqualTo(7);
    assertThat(stream.total()).isGreaterThanOrEqualTo(10);
    assertThat(queue.fullSeconds()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void backpressureTimeCountsFromTheMomentNoBatchOfCreditsFitsUntilOneFitsAgain() throws Exception {
    EventQueue queue = new EventQueue(100, OverflowPolicy.BLOCK);
    Stream stream = new Stream();
    queue.attach(stream);
    for (int i = 0; i < 75; i++) {
      queue.accept(stream, EVENT);
    }
    // All 100 credits are out and a whole batch (25) of them is still owed: messages still flow,
    // backpressure is not engaged.
    assertThat(queue.fullSeconds()).isZero();
    queue.accept(stream, EVENT);
    // Less than a batch owed and no room to ask for more: the stream is about to stall, though
    // the queue is not full.
    assertThat(queue.size()).isLessThan(queue.capacity());
    await().atMost(Duration.ofSeconds(5)).until(() -> queue.fullSeconds() > 0.05);
    // The publisher takes until a batch of credits fits again (25 free): the clock stops.
    for (int i = 0; i < 25; i++) {
      queue.poll(0, TimeUnit.MILLISECONDS);
    }
    assertThat(stream.total()).isEqualTo(125);
    double stopped = queue.fullSeconds();
    assertThat(stopped).isGreaterThan(0.05);
    // The clock stopped: it does not move while a batch fits.
    await()
        .during(Duration.ofMillis(200))
        .atMost(Duration.ofSeconds(2))
        .until(() -> queue.fullSeconds() == stopped);
  }
}
