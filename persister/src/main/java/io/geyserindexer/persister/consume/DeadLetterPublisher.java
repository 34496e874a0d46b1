package io.geyserindexer.persister.consume;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Header;

/**
 * Sends records that can never be written to {@code <source topic>.dlq}: original key, value and
 * headers, plus headers that say why and where from. {@link #publish} returns only once every
 * letter is acknowledged (the producer runs with acks=all), so the caller may then commit the
 * source offsets. Delivery to the DLQ is at least once: a crash between publishing and the offset
 * commit publishes the same letter again.
 */
public final class DeadLetterPublisher implements AutoCloseable {

  public static final String SUFFIX = ".dlq";
  public static final String ERROR_CLASS = "dlq.error.class";
  public static final String ERROR_MESSAGE = "dlq.error.message";
  public static final String ERROR_REASON = "dlq.error.reason";
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  private static final int MAX_MESSAGE_CHARS = 2000;

  /** One record to dead-letter, with a low-cardinality reason and the error that proves it. */
  public record DeadLetter(ConsumerRecord<byte[], byte[]> source, String reason, Throwable error) {}

  private final Producer<byte[], byte[]> producer;

  public DeadLetterPublisher(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  /**
   * Sends all letters and waits for their acknowledgements.
   *
   * @throws KafkaException when any letter was not acknowledged; the caller must not commit
   */
  public void publish(List<DeadLetter> letters) {
    if (letters.isEmpty()) {
      return;
    }
    List<Future<RecordMetadata>> sends = new ArrayList<>(letters.size());
    for (DeadLetter letter : letters) {
      sends.add(producer.send(toRecord(letter)));
    }
    producer.flush();
    for (Future<RecordMetadata> send : sends) {
      try {
        send.get();
      } catch (ExecutionException e) {
        throw new KafkaException("dead-letter publish failed: " + e.getCause().getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaException("interrupted while publishing dead letters", e);
      }
    }
  }

  static ProducerRecord<byte[], byte[]> toRecord(DeadLetter letter) {
    ConsumerRecord<byte[], byte[]> source = letter.source();
    ProducerRecord<byte[], byte[]> out =
        new ProducerRecord<>(source.topic() + SUFFIX, null, source.key(), source.value());
    for (Header header : source.headers()) {
      out.headers().add(header);
    }
    String message = String.valueOf(letter.error().getMessage());
    if (message.length() > MAX_MESSAGE_CHARS) {
      message = message.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
    add(out, ERROR_CLASS, letter.error().getClass().getName());
    add(out, ERROR_MESSAGE, message);
    add(out, ERROR_REASON, letter.reason());
    add(out, SOURCE_TOPIC, source.topic());
    add(out, SOURCE_PARTITION, Integer.toString(source.partition()));
    add(out, SOURCE_OFFSET, Long.toString(source.offset()));
    return out;
  }

  private static void add(ProducerRecord<byte[], byte[]> record, String key, String value) {
    record.headers().add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    producer.close(java.time.Duration.ofSeconds(5));
  }
}
