package io.geyserindexer.ingestor.config;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestAccountsDataSlice;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilter;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterLamports;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterMemcmp;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterEntry;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A full subscription written as YAML, mirroring the SubscribeRequest field names:
 *
 * <pre>
 * commitment: confirmed
 * accounts:
 *   tokens:
 *     account: [base58, ...]
 *     owner: [TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA]
 *     nonempty_txn_signature: true
 *     filters:
 *       - datasize: 165
 *       - memcmp: {offset: 32, base58: ...}     # or bytes (hex) / base64
 *       - token_account_state: true
 *       - lamports: {gt: 1000000}               # eq, ne, lt, gt
 * transactions:
 *   swaps: {vote: false, failed: false, account_include: [...], account_exclude: [...],
 *           account_required: [...]}
 * transactions_status: {...same shape as transactions...}
 * slots:
 *   slots: {filter_by_commitment: false, interslot_updates: true}
 * blocks_meta: {blocks_meta: {}}
 * entry: {entries: {}}
 * accounts_data_slice: [{offset: 0, length: 64}]
 * </pre>
 *
 * Every error names the path inside the file.
 */
public final class SubscriptionFile {

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "commitment",
          "accounts",
          "transactions",
          "transactions_status",
          "slots",
          "blocks_meta",
          "entry",
          "accounts_data_slice");

  private SubscriptionFile() {}

  /**
   * Reads {@code path}; {@code defaultCommitment} applies when the file names none.
   *
   * @throws IllegalArgumentException naming the file and the bad entry
   */
  public static SubscribeRequest read(Path path, CommitmentLevel defaultCommitment) {
    try (Reader reader = Files.newBufferedReader(path)) {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
      return parse(root == null ? Map.of() : root, defaultCommitment);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "GEYSER_SUBSCRIPTION_FILE " + path + " cannot be read: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "GEYSER_SUBSCRIPTION_FILE " + path + ": " + e.getMessage(), e);
    }
  }

  static SubscribeRequest parse(Object root, CommitmentLevel defaultCommitment) {
    Map<String, Object> top = map(root, "(top level)");
    for (String key : top.keySet()) {
      if (!TOP_LEVEL.contains(key)) {
        throw new IllegalArgumentException("unknown key '" + key + "'; known: " + TOP_LEVEL);
      }
    }
    SubscribeRequest.Builder request = SubscribeRequest.newBuilder();
    request.setCommitment(
        top.containsKey("commitment")
            ? SettingText.commitment("commitment", String.valueOf(top.get("commitment")))
            : defaultCommitment);
    named(top, "accounts", (name, f) -> request.putAccounts(name, accounts("accounts." + name, f)));
    named(
        top,
        "transactions",
        (name, f) -> request.putTransactions(name, tx("transactions." + name, f)));
    named(
        top,
        "transactions_status",
        (name, f) -> request.putTransactionsStatus(name, tx("transactions_status." + name, f)));
    named(
        top,
        "slots",
        (name, f) -> {
          SubscribeRequestFilterSlots.Builder slots = SubscribeRequestFilterSlots.newBuilder();
          if (f.containsKey("filter_by_commitment")) {
            slots.setFilterByCommitment(bool(f, "filter_by_commitment", "slots." + name));
          }
          if (f.containsKey("interslot_updates")) {
            slots.setInterslotUpdates(bool(f, "interslot_updates", "slots." + name));
          }
          request.putSlots(name, slots.build());
        });
    named(
        top,
        "blocks_meta",
        (name, f) ->
            request.putBlocksMeta(name, SubscribeRequestFilterBlocksMeta.getDefaultInstance()));
    named(
        top,
        "entry",
        (name, f) -> request.putEntry(name, SubscribeRequestFilterEntry.getDefaultInstance()));
    List<Object> slices = list(top.get("accounts_data_slice"), "accounts_data_slice");
    for (int i = 0; i < slices.size(); i++) {
      Map<String, Object> slice = map(slices.get(i), "accounts_data_slice[" + i + "]");
      request.addAccountsDataSlice(
          SubscribeRequestAccountsDataSlice.newBuilder()
              .setOffset(number(slice.get("offset"), "accounts_data_slice[" + i + "].offset"))
              .setLength(number(slice.get("length"), "accounts_data_slice[" + i + "].length")));
    }
    return request.build();
  }

  private static void named(
      Map<String, Object> top, String key, BiConsumer<String, Map<String, Object>> add) {
    if (!top.containsKey(key)) {
      return;
    }
    map(top.get(key), key)
        .forEach(
            (name, filter) -> {
              if (name.length() > 128) {
                throw new IllegalArgumentException(key + ": filter name longer than 128");
              }
              add.accept(name, filter == null ? Map.of() : map(filter, key + "." + name));
            });
  }

  private static SubscribeRequestFilterAccounts accounts(String path, Map<String, Object> f) {
    SubscribeRequestFilterAccounts.Builder out = SubscribeRequestFilterAccounts.newBuilder();
    out.addAllAccount(keys(f, "account", path));
    out.addAllOwner(keys(f, "owner", path));
    if (f.containsKey("nonempty_txn_signature")) {
      out.setNonemptyTxnSignature(bool(f, "nonempty_txn_signature", path));
    }
    List<Object> filters = list(f.get("filters"), path + ".filters");
    for (int i = 0; i < filters.size(); i++) {
      out.addFilters(
          dataFilter(
              map(filters.get(i), path + ".filters[" + i + "]"), path + ".filters[" + i + "]"));
    }
    return out.build();
  }

  private static SubscribeRequestFilterAccountsFilter dataFilter(
      Map<String, Object> f, String path) {
    if (f.size() != 1) {
      throw new IllegalArgumentException(
          path + " must hold exactly one of memcmp, datasize, token_account_state, lamports");
    }
    Map.Entry<String, Object> entry = f.entrySet().iterator().next();
    SubscribeRequestFilterAccountsFilter.Builder out =
        SubscribeRequestFilterAccountsFilter.newBuilder();
    switch (entry.getKey()) {
      case "datasize" -> out.setDatasize(number(entry.getValue(), path + ".datasize"));
      case "token_account_state" -> {
        if (!Boolean.TRUE.equals(entry.getValue())) {
          throw new IllegalArgumentException(path + ".token_account_state can only be true");
        }
        out.setTokenAccountState(true);
      }
      case "memcmp" -> {
        Map<String, Object> m = map(entry.getValue(), path + ".memcmp");
        SubscribeRequestFilterAccountsFilterMemcmp.Builder memcmp =
            SubscribeRequestFilterAccountsFilterMemcmp.newBuilder()
                .setOffset(number(m.get("offset"), path + ".memcmp.offset"));
        if (m.containsKey("base58")) {
          memcmp.setBase58(String.valueOf(m.get("base58")));
        } else if (m.containsKey("base64")) {
          memcmp.setBase64(String.valueOf(m.get("base64")));
        } else if (m.containsKey("bytes")) {
          memcmp.setBytes(
              ByteString.copyFrom(HexFormat.of().parseHex(String.valueOf(m.get("bytes")))));
        } else {
          throw new IllegalArgumentException(
              path + ".memcmp needs one of base58, base64, bytes (hex)");
        }
        out.setMemcmp(memcmp);
      }
      case "lamports" -> {
        Map<String, Object> m = map(entry.getValue(), path + ".lamports");
        SubscribeRequestFilterAccountsFilterLamports.Builder cmp =
            SubscribeRequestFilterAccountsFilterLamports.newBuilder();
        if (m.size() != 1) {
          throw new IllegalArgumentException(
              path + ".lamports needs exactly one of eq, ne, lt, gt");
        }
        String op = m.keySet().iterator().next();
        long value = number(m.get(op), path + ".lamports." + op);
        switch (op) {
          case "eq" -> cmp.setEq(value);
          case "ne" -> cmp.setNe(value);
          case "lt" -> cmp.setLt(value);
          case "gt" -> cmp.setGt(value);
          default ->
              throw new IllegalArgumentException(
                  path + ".lamports: unknown comparison '" + op + "'");
        }
        out.setLamports(cmp);
      }
      default ->
          throw new IllegalArgumentException(path + ": unknown filter '" + entry.getKey() + "'");
    }
    return out.build();
  }

  private static SubscribeRequestFilterTransactions tx(String path, Map<String, Object> f) {
    SubscribeRequestFilterTransactions.Builder out =
        SubscribeRequestFilterTransactions.newBuilder();
    if (f.containsKey("vote")) {
      out.setVote(bool(f, "vote", path));
    }
    if (f.containsKey("failed")) {
      out.setFailed(bool(f, "failed", path));
    }
    if (f.containsKey("signature")) {
      out.setSignature(String.valueOf(f.get("signature")));
    }
    out.addAllAccountInclude(keys(f, "account_include", path));
    out.addAllAccountExclude(keys(f, "account_exclude", path));
    out.addAllAccountRequired(keys(f, "account_required", path));
    return out.build();
  }

  private static List<String> keys(Map<String, Object> f, String key, String path) {
    List<String> keys = list(f.get(key), path + "." + key).stream().map(String::valueOf).toList();
    return SettingText.pubkeys(path + "." + key, keys);
  }

  private static boolean bool(Map<String, Object> f, String key, String path) {
    return SettingText.bool(path + "." + key, String.valueOf(f.get(key)));
  }

  private static long number(Object value, String path) {
    if (value == null) {
      throw new IllegalArgumentException(path + " is required");
    }
    try {
      return Long.parseUnsignedLong(String.valueOf(value).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          path + " must be a non-negative integer, was '" + value + "'");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value, String path) {
    if (value instanceof Map<?, ?> m) {
      return (Map<String, Object>) m;
    }
    throw new IllegalArgumentException(path + " must be a map");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value, String path) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> l) {
      return (List<Object>) l;
    }
    throw new IllegalArgumentException(path + " must be a list");
  }
}
