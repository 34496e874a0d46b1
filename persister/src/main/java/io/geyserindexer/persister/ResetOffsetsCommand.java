package io.geyserindexer.persister;

import io.geyserindexer.persister.config.KafkaOptions;
import io.geyserindexer.persister.config.KafkaSettings;
import io.geyserindexer.persister.consume.KafkaClientProperties;
import io.geyserindexer.persister.ops.KafkaOffsetResetter;
import io.geyserindexer.persister.ops.OffsetReset;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code persister reset-offsets}: moves the group's committed offsets, for replay or skipping. */
@Command(
    name = "reset-offsets",
    mixinStandardHelpOptions = true,
    description = {
      "Moves the persister group's committed offsets on the event topics (or one --topic).",
      "Refuses while the group has active members. Prints every change."
    })
public final class ResetOffsetsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand PersisterMain parent;

  @Mixin KafkaOptions kafka = new KafkaOptions();

  @Option(names = "--config", description = "Properties or flat YAML file of settings.")
  String config;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--to-earliest", description = "The first retained record.")
    boolean earliest;

    @Option(names = "--to-latest", description = "The end: skip everything not yet written.")
    boolean latest;

    @Option(
        names = "--to-datetime",
        paramLabel = "ISO-8601",
        description = "The first record at or after this time, e.g. 2026-12-01T00:00:00Z.")
    String datetime;

    @Option(
        names = "--shift-by",
        paramLabel = "N",
        description = "Move each committed offset by N (negative replays N records).")
    Long shiftBy;
  }

  @Option(
      names = "--topic",
      description = "Only this topic (full name), instead of all event topics.")
  String topic;

  @Option(names = "--dry-run", description = "Print what would change, change nothing.")
  boolean dryRun;

  @Override
  public Integer call() throws Exception {
    KafkaSettings settings = kafka.load(parent.environment());
    OffsetReset reset = parseTarget();
    List<String> topics = topic == null ? settings.topics() : List.of(topic);
    try (Admin admin =
        Admin.create(
            KafkaClientProperties.admin(
                settings.bootstrapServers(), settings.clientProperties()))) {
      new KafkaOffsetResetter(admin, spec.commandLine().getOut())
          .reset(settings.groupId(), topics, reset, dryRun);
      spec.commandLine().getOut().flush();
      return 0;
    } catch (KafkaOffsetResetter.RefusedException e) {
      spec.commandLine().getErr().println("reset-offsets refused: " + e.getMessage());
      return 1;
    }
  }

  private OffsetReset parseTarget() {
    if (target.earliest) {
      return new OffsetReset.ToEarliest();
    }
    if (target.latest) {
      return new OffsetReset.ToLatest();
    }
    if (target.shiftBy != null) {
      return new OffsetReset.ShiftBy(target.shiftBy);
    }
    try {
      return new OffsetReset.ToDatetime(parseInstant(target.datetime));
    } catch (DateTimeParseException e) {
      throw new ParameterException(
          spec.commandLine(),
          "invalid setting --to-datetime: '" + target.datetime + "' is not ISO-8601");
    }
  }

  static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(text);
    }
  }
}
