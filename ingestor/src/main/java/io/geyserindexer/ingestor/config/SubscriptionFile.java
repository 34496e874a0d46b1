package io.geyserindexer.ingestor.config;

import io.geyserindexer.proto.geyser.CommitmentLevel;
import io.geyserindexer.proto.geyser.SubscribeRequest;
import io.geyserindexer.proto.geyser.SubscribeRequestAccountsDataSlice;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterBlocksMeta;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterEntry;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterSlots;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterTransactions;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
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
    Map<String, Object> top = YamlNodes.map(root, "(top level)");
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
    named(
        top,
        "accounts",
        (name, f) -> request.putAccounts(name, AccountFilterYaml.accounts("accounts." + name, f)));
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
            slots.setFilterByCommitment(YamlNodes.bool(f, "filter_by_commitment", "slots." + name));
          }
          if (f.containsKey("interslot_updates")) {
            slots.setInterslotUpdates(YamlNodes.bool(f, "interslot_updates", "slots." + name));
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
    List<Object> slices = YamlNodes.list(top.get("accounts_data_slice"), "accounts_data_slice");
    for (int i = 0; i < slices.size(); i++) {
      Map<String, Object> slice = YamlNodes.map(slices.get(i), "accounts_data_slice[" + i + "]");
      request.addAccountsDataSlice(
          SubscribeRequestAccountsDataSlice.newBuilder()
              .setOffset(
                  YamlNodes.number(slice.get("offset"), "accounts_data_slice[" + i + "].offset"))
              .setLength(
                  YamlNodes.number(slice.get("length"), "accounts_data_slice[" + i + "].length")));
    }
    return request.build();
  }

  private static void named(
      Map<String, Object> top, String key, BiConsumer<String, Map<String, Object>> add) {
    if (!top.containsKey(key)) {
      return;
    }
    YamlNodes.map(top.get(key), key)
        .forEach(
            (name, filter) -> {
              if (name.length() > 128) {
                throw new IllegalArgumentException(key + ": filter name longer than 128");
              }
              add.accept(name, filter == null ? Map.of() : YamlNodes.map(filter, key + "." + name));
            });
  }

  private static SubscribeRequestFilterTransactions tx(String path, Map<String, Object> f) {
    SubscribeRequestFilterTransactions.Builder out =
        SubscribeRequestFilterTransactions.newBuilder();
    if (f.containsKey("vote")) {
      out.setVote(YamlNodes.bool(f, "vote", path));
    }
    if (f.containsKey("failed")) {
      out.setFailed(YamlNodes.bool(f, "failed", path));
    }
    if (f.containsKey("signature")) {
      out.setSignature(String.valueOf(f.get("signature")));
    }
    out.addAllAccountInclude(YamlNodes.keys(f, "account_include", path));
    out.addAllAccountExclude(YamlNodes.keys(f, "account_exclude", path));
    out.addAllAccountRequired(YamlNodes.keys(f, "account_required", path));
    return out.build();
  }
}
