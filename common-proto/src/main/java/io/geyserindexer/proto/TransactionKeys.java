package io.geyserindexer.proto;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.solana.Message;
import io.geyserindexer.proto.solana.TransactionStatusMeta;
import java.util.ArrayList;
import java.util.List;

/**
 * The full account key list of a transaction, the list every account index in instructions, token
 * balances and lamport balances refers to.
 */
public final class TransactionKeys {

  private TransactionKeys() {}

  /**
   * Static keys of the message, then the writable, then the readonly addresses loaded from lookup
   * tables (the Solana v0 rule; a legacy message has no loaded addresses).
   */
  public static List<ByteString> fullKeyList(Message message, TransactionStatusMeta meta) {
    List<ByteString> keys =
        new ArrayList<>(
            message.getAccountKeysCount()
                + meta.getLoadedWritableAddressesCount()
                + meta.getLoadedReadonlyAddressesCount());
    keys.addAll(message.getAccountKeysList());
    keys.addAll(meta.getLoadedWritableAddressesList());
    keys.addAll(meta.getLoadedReadonlyAddressesList());
    return keys;
  }
}
