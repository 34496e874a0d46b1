package io.geyserindexer.ingestor.config;

import com.google.protobuf.ByteString;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccounts;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilter;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterLamports;
import io.geyserindexer.proto.geyser.SubscribeRequestFilterAccountsFilterMemcmp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One named account filter of a {@link SubscriptionFile}: account and owner lists, {@code
 * nonempty_txn_signature}, and the data filters (memcmp, datasize, token_account_state, lamports),
 * each error naming its path inside the file.
 */
final class AccountFilterYaml {

  private AccountFilterYaml() {}

  static SubscribeRequestFilterAccounts accounts(String path, Map<String, Object> f) {
    SubscribeRequestFilterAccounts.Builder out = SubscribeRequestFilterAccounts.newBuilder();
    out.addAllAccount(YamlNodes.keys(f, "account", path));
    out.addAllOwner(YamlNodes.keys(f, "owner", path));
    if (f.containsKey("nonempty_txn_signature")) {
      out.setNonemptyTxnSignature(YamlNodes.bool(f, "nonempty_txn_signature", path));
    }
    List<Object> filters = YamlNodes.list(f.get("filters"), path + ".filters");
    for (int i = 0; i < filters.size(); i++) {
      out.addFilters(
          dataFilter(
              YamlNodes.map(filters.get(i), path + ".filters[" + i + "]"),
              path + ".filters[" + i + "]"));
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
      case "datasize" -> out.setDatasize(YamlNodes.number(entry.getValue(), path + ".datasize"));
      case "token_account_state" -> {
        if (!Boolean.TRUE.equals(entry.getValue())) {
          throw new IllegalArgumentException(path + ".token_account_state can only be true");
        }
        out.setTokenAccountState(true);
      }
      case "memcmp" -> {
        Map<String, Object> m = YamlNodes.map(entry.getValue(), path + ".memcmp");
        SubscribeRequestFilterAccountsFilterMemcmp.Builder memcmp =
            SubscribeRequestFilterAccountsFilterMemcmp.newBuilder()
                .setOffset(YamlNodes.number(m.get("offset"), path + ".memcmp.offset"));
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
        Map<String, Object> m = YamlNodes.map(entry.getValue(), path + ".lamports");
        SubscribeRequestFilterAccountsFilterLamports.Builder cmp =
            SubscribeRequestFilterAccountsFilterLamports.newBuilder();
        if (m.size() != 1) {
          throw new IllegalArgumentException(
              path + ".lamports needs exactly one of eq, ne, lt, gt");
        }
        String op = m.keySet().iterator().next();
        long value = YamlNodes.number(m.get(op), path + ".lamports." + op);
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
}
