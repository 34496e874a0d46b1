package io.geyserindexer.ingestor.parse;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.geyserindexer.proto.Base58;
import io.geyserindexer.proto.events.AccountUpdateEvent;
import io.geyserindexer.proto.events.BlockMetaEvent;
import io.geyserindexer.proto.events.EntryEvent;
import io.geyserindexer.proto.events.EventRecord;
import io.geyserindexer.proto.events.Reward;
import io.geyserindexer.proto.events.SchemaVersion;
import io.geyserindexer.proto.events.SlotStatus;
import io.geyserindexer.proto.events.SlotStatusEvent;
import io.geyserindexer.proto.events.TransactionError;
import io.geyserindexer.proto.events.TransactionStatusEvent;
import io.geyserindexer.proto.geyser.SubscribeUpdate;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccount;
import io.geyserindexer.proto.geyser.SubscribeUpdateAccountInfo;
import io.geyserindexer.proto.geyser.SubscribeUpdateBlockMeta;
import io.geyserindexer.proto.geyser.SubscribeUpdateEntry;
import io.geyserindexer.proto.geyser.SubscribeUpdateSlot;
import io.geyserindexer.proto.geyser.SubscribeUpdateTransactionStatus;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one Geyser {@link SubscribeUpdate} into one {@link ParsedEvent} of the project's schema.
 * Pure and thread-safe. Ping and pong are protocol, not events, and are handled by the subscription
 * before it gets here; kinds the schema has no event for (block) give {@code null}.
 */
public final class GeyserUpdateParser {

  static final int PUBKEY_BYTES = 32;
  static final int SIGNATURE_BYTES = 64;

  private final TransactionEventParser transactions = new TransactionEventParser();

  /**
   * Decodes one received message. Its bytes fields (keys, signatures, account data) are copies:
   * protobuf aliases only an input it knows to be immutable, never a plain byte array, whatever
   * {@code enableAliasing} says. An aliasing decode (through a wrapping ByteString) was measured
   * with ParsePathBenchmark and changed nothing measurable, so the plain parse stays.
   *
   * @throws InvalidProtocolBufferException when the bytes are not a SubscribeUpdate
   */
  public static SubscribeUpdate decode(byte[] bytes) throws InvalidProtocolBufferException {
    return SubscribeUpdate.parseFrom(bytes);
  }

  /**
   * Parses an update received at {@code ingestedAt}.
   *
   * @return the event, or {@code null} when the update kind has no event in the schema
   * @throws UpdateParseException when the update is malformed; it names the kind and slot
   */
  public ParsedEvent parse(SubscribeUpdate update, Timestamp ingestedAt)
      throws UpdateParseException {
    String kind = kindName(update);
    long slot = slotOf(update);
    try {
      EventRecord.Builder envelope =
          EventRecord.newBuilder()
              .setSchemaVersion(SchemaVersion.SCHEMA_VERSION_1_VALUE)
              .setIngestedAt(ingestedAt)
              .addAllFilters(update.getFiltersList());
      if (update.hasCreatedAt()) {
        envelope.setCreatedAt(update.getCreatedAt());
      }
      return switch (update.getUpdateOneofCase()) {
        case SLOT -> slotStatus(update.getSlot(), envelope);
        case BLOCK_META -> blockMeta(update.getBlockMeta(), envelope);
        case TRANSACTION -> transactions.parse(update.getTransaction(), envelope);
        case ACCOUNT -> account(update.getAccount(), envelope);
        case TRANSACTION_STATUS -> transactionStatus(update.getTransactionStatus(), envelope);
        case ENTRY -> entry(update.getEntry(), envelope);
        default -> null;
      };
    } catch (RuntimeException e) {
      throw new UpdateParseException(kind, slot, e.getMessage(), e);
    }
  }

  /** Lowercase wire names, computed once: every message asks for its kind's name. */
  private static final Map<SubscribeUpdate.UpdateOneofCase, String> KIND_NAMES =
      new EnumMap<>(SubscribeUpdate.UpdateOneofCase.class);

  static {
    for (SubscribeUpdate.UpdateOneofCase kind : SubscribeUpdate.UpdateOneofCase.values()) {
      KIND_NAMES.put(kind, kind.name().toLowerCase(Locale.ROOT));
    }
  }

  /** The wire name of the update's kind, for metric tags and logs. */
  public static String kindName(SubscribeUpdate update) {
    return KIND_NAMES.get(update.getUpdateOneofCase());
  }

  /** The slot an update names, or 0 for kinds without one (ping, pong). */
  public static long slotOf(SubscribeUpdate update) {
    return switch (update.getUpdateOneofCase()) {
      case SLOT -> update.getSlot().getSlot();
      case BLOCK_META -> update.getBlockMeta().getSlot();
      case TRANSACTION -> update.getTransaction().getSlot();
      case ACCOUNT -> update.getAccount().getSlot();
      case TRANSACTION_STATUS -> update.getTransactionStatus().getSlot();
      case ENTRY -> update.getEntry().getSlot();
      case BLOCK -> update.getBlock().getSlot();
      default -> 0L;
    };
  }

  private static ParsedEvent slotStatus(SubscribeUpdateSlot slot, EventRecord.Builder envelope) {
    SlotStatusEvent.Builder event =
        SlotStatusEvent.newBuilder()
            .setSlot(slot.getSlot())
            // geyser.SlotStatus shifted by one so that 0 means "not set" in our schema.
            .setStatusValue(statusValue(slot.getStatusValue()));
    if (slot.hasParent()) {
      event.setParentSlot(slot.getParent());
    }
    if (slot.hasDeadError()) {
      event.setDeadError(slot.getDeadError());
    }
    return new ParsedEvent(
        EventKind.SLOT_STATUS,
        Long.toUnsignedString(slot.getSlot()),
        slot.getSlot(),
        envelope.setSlotStatus(event).build());
  }

  private static int statusValue(int geyserStatus) {
    int shifted = geyserStatus + 1;
    if (SlotStatus.forNumber(shifted) == null || shifted == 0) {
      throw new IllegalArgumentException("unknown slot status " + geyserStatus);
    }
    return shifted;
  }

  private static ParsedEvent blockMeta(SubscribeUpdateBlockMeta meta, EventRecord.Builder env) {
    BlockMetaEvent.Builder event =
        BlockMetaEvent.newBuilder()
            .setSlot(meta.getSlot())
            .setBlockhash(meta.getBlockhash())
            .setParentSlot(meta.getParentSlot())
            .setParentBlockhash(meta.getParentBlockhash())
            .setExecutedTransactionCount(meta.getExecutedTransactionCount())
            .setEntriesCount(meta.getEntriesCount())
            .addAllRewards(rewards(meta.getRewards().getRewardsList()));
    if (meta.hasBlockHeight()) {
      event.setBlockHeight(meta.getBlockHeight().getBlockHeight());
    }
    if (meta.hasBlockTime()) {
      event.setBlockTime(meta.getBlockTime().getTimestamp());
    }
    if (meta.getRewards().hasNumPartitions()) {
      event.setRewardsNumPartitions(meta.getRewards().getNumPartitions().getNumPartitions());
    }
    return new ParsedEvent(
        EventKind.BLOCK_META,
        Long.toUnsignedString(meta.getSlot()),
        meta.getSlot(),
        env.setBlockMeta(event).build());
  }

  static List<Reward> rewards(List<io.geyserindexer.proto.solana.Reward> source) {
    return source.stream()
        .map(
            r ->
                Reward.newBuilder()
                    .setPubkey(r.getPubkey())
                    .setLamports(r.getLamports())
                    .setPostBalance(r.getPostBalance())
                    .setRewardType(rewardType(r.getRewardTypeValue()))
                    .setCommission(r.getCommission())
                    .build())
        .toList();
  }

  private static String rewardType(int value) {
    return switch (value) {
      case 1 -> "fee";
      case 2 -> "rent";
      case 3 -> "staking";
      case 4 -> "voting";
      case 5 -> "deactivated_stake";
      default -> "unspecified";
    };
  }

  private static ParsedEvent account(SubscribeUpdateAccount update, EventRecord.Builder env) {
    if (!update.hasAccount()) {
      throw new IllegalArgumentException("account update without account info");
    }
    SubscribeUpdateAccountInfo info = update.getAccount();
    String pubkey = base58(info.getPubkey(), PUBKEY_BYTES, "pubkey");
    AccountUpdateEvent.Builder event =
        AccountUpdateEvent.newBuilder()
            .setPubkey(pubkey)
            .setSlot(update.getSlot())
            .setWriteVersion(info.getWriteVersion())
            .setLamports(info.getLamports())
            .setOwner(base58(info.getOwner(), PUBKEY_BYTES, "owner"))
            .setExecutable(info.getExecutable())
            .setRentEpoch(info.getRentEpoch())
            .setData(info.getData())
            .setIsStartup(update.getIsStartup());
    if (info.hasTxnSignature()) {
      event.setTxnSignature(base58(info.getTxnSignature(), SIGNATURE_BYTES, "txn_signature"));
    }
    return new ParsedEvent(
        EventKind.ACCOUNT_UPDATE, pubkey, update.getSlot(), env.setAccountUpdate(event).build());
  }

  private static ParsedEvent transactionStatus(
      SubscribeUpdateTransactionStatus status, EventRecord.Builder env) {
    String signature = base58(status.getSignature(), SIGNATURE_BYTES, "signature");
    TransactionStatusEvent.Builder event =
        TransactionStatusEvent.newBuilder()
            .setSignature(signature)
            .setSlot(status.getSlot())
            .setIndex(status.getIndex())
            .setIsVote(status.getIsVote());
    if (status.hasErr()) {
      event.setErr(error(status.getErr().getErr()));
    }
    return new ParsedEvent(
        EventKind.TRANSACTION_STATUS,
        signature,
        status.getSlot(),
        env.setTransactionStatus(event).build());
  }

  private static ParsedEvent entry(SubscribeUpdateEntry entry, EventRecord.Builder env) {
    EntryEvent event =
        EntryEvent.newBuilder()
            .setSlot(entry.getSlot())
            .setIndex(entry.getIndex())
            .setNumHashes(entry.getNumHashes())
            .setHash(base58(entry.getHash(), PUBKEY_BYTES, "hash"))
            .setExecutedTransactionCount(entry.getExecutedTransactionCount())
            .setStartingTransactionIndex(entry.getStartingTransactionIndex())
            .build();
    return new ParsedEvent(
        EventKind.ENTRY,
        Long.toUnsignedString(entry.getSlot()),
        entry.getSlot(),
        env.setEntry(event).build());
  }

  static TransactionError error(ByteString bincode) {
    return TransactionError.newBuilder()
        .setBincode(bincode)
        .setDescription(TransactionErrorDescriber.describe(bincode.toByteArray()))
        .build();
  }

  /** Base58 of a fixed-size value; a wrong size means a malformed update. */
  static String base58(ByteString bytes, int expectedLength, String field) {
    if (bytes.size() != expectedLength) {
      throw new IllegalArgumentException(
          field + " has " + bytes.size() + " bytes, expected " + expectedLength);
    }
    return Base58.encode(bytes.toByteArray());
  }
}
