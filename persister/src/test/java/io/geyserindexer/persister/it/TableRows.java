package io.geyserindexer.persister.it;

import static org.assertj.core.api.Assertions.fail;

import io.geyserindexer.persister.write.NulEscape;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the persister's tables back into the row texts {@link EventFixture} expects, decoding the
 * U+0000 rule, and compares them key by key and column by column.
 */
public final class TableRows {

  public static final List<String> TABLES =
      List.of("slots", "blocks", "transactions", "token_balances", "account_updates", "accounts");

  private static final Map<String, String> QUERIES =
      Map.of(
          "slots",
          "SELECT slot::text, slot, parent_slot, status, dead_error FROM slots",
          "blocks",
          "SELECT slot::text, slot, blockhash, parent_slot, parent_blockhash, block_height,"
              + " block_time, executed_transaction_count, entries_count, rewards_num_partitions"
              + " FROM blocks",
          "transactions",
          "SELECT signature || '|' || slot, signature, slot, tx_index, is_vote, success, err,"
              + " err_description, fee, compute_units_consumed, cost_units, signatures, versioned,"
              + " recent_blockhash, num_required_signatures, num_readonly_signed_accounts,"
              + " num_readonly_unsigned_accounts, account_keys, loaded_writable_count,"
              + " loaded_readonly_count, log_messages, pre_balances, post_balances,"
              + " return_data_program_id, return_data FROM transactions",
          "token_balances",
          "SELECT signature || '|' || slot || '|' || account_index, signature, slot,"
              + " account_index, account, mint, owner, program_id, decimals, pre_amount,"
              + " post_amount FROM token_balances",
          "account_updates",
          "SELECT pubkey || '|' || slot || '|' || write_version, pubkey, slot, write_version,"
              + " lamports, owner, executable, rent_epoch, data, txn_signature, is_startup"
              + " FROM account_updates",
          "accounts",
          "SELECT pubkey, pubkey, slot, write_version, lamports, owner, executable, rent_epoch,"
              + " data, txn_signature FROM accounts");

  private TableRows() {}

  /** Every table as key -> row text. */
  public static Map<String, TreeMap<String, String>> read(Connection connection)
      throws SQLException {
    Map<String, TreeMap<String, String>> out = new TreeMap<>();
    for (String table : TABLES) {
      TreeMap<String, String> rows = new TreeMap<>();
      try (Statement statement = connection.createStatement();
          ResultSet rs = statement.executeQuery(QUERIES.get(table))) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int c = 2; c <= columns; c++) {
            values.add(render(rs.getObject(c)));
          }
          String key = NulEscape.decode(rs.getString(1));
          if (rows.put(key, String.join("|", values)) != null) {
            fail("duplicate key %s in %s", key, table);
          }
        }
      }
      out.put(table, rows);
    }
    return out;
  }

  private static String render(Object value) throws SQLException {
    if (value == null) {
      return "<null>";
    }
    if (value instanceof String text) {
      return NulEscape.decode(text);
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof BigDecimal number) {
      return number.toPlainString();
    }
    if (value instanceof Array array) {
      Object[] elements = (Object[]) array.getArray();
      List<String> items = new ArrayList<>();
      for (Object element : elements) {
        items.add(render(element));
      }
      return items.toString();
    }
    return value.toString();
  }

  /** The JSON column {@code table.column} keyed like {@link #read}, as PostgreSQL jsonb text. */
  public static TreeMap<String, String> readJson(Connection connection, String tableColumn)
      throws SQLException {
    String[] parts = tableColumn.split("\\.");
    String key = parts[0].equals("blocks") ? "slot::text" : "signature || '|' || slot";
    TreeMap<String, String> out = new TreeMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT " + key + ", " + parts[1] + "::text FROM " + parts[0])) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getString(2) == null ? "<null>" : rs.getString(2));
      }
    }
    return out;
  }

  /**
   * The expected JSON texts normalised by PostgreSQL's jsonb, so key order and spaces do not
   * matter.
   */
  public static TreeMap<String, String> normalise(Connection connection, Map<String, String> json)
      throws SQLException {
    String[] keys = json.keySet().toArray(String[]::new);
    String[] values = Arrays.stream(keys).map(json::get).toArray(String[]::new);
    TreeMap<String, String> out = new TreeMap<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT k, coalesce(j::jsonb::text, '<null>') FROM unnest(?::text[], ?::text[]) AS u(k, j)")) {
      statement.setArray(1, connection.createArrayOf("text", keys));
      statement.setArray(2, connection.createArrayOf("text", values));
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return out;
  }

  /** Fails with the first differences when the tables do not hold exactly the expected rows. */
  public static void assertExactly(Connection connection, EventFixture fixture)
      throws SQLException {
    Map<String, TreeMap<String, String>> actual = read(connection);
    StringBuilder problems = new StringBuilder();
    for (String table : TABLES) {
      compare(table, fixture.rows.get(table), actual.get(table), problems);
    }
    for (Map.Entry<String, TreeMap<String, String>> column : fixture.json.entrySet()) {
      compare(
          column.getKey(),
          normalise(connection, column.getValue()),
          readJson(connection, column.getKey()),
          problems);
    }
    if (problems.length() > 0) {
      fail("tables differ from the expected rows:%n%s", problems);
    }
  }

  private static void compare(
      String table, Map<String, String> expected, Map<String, String> actual, StringBuilder out) {
    int shown = 0;
    for (Map.Entry<String, String> row : expected.entrySet()) {
      String got = actual.get(row.getKey());
      if (!row.getValue().equals(got) && shown++ < 5) {
        out.append(
            String.format(
                "  %s %s%n    expected %s%n    actual   %s%n",
                table, row.getKey(), row.getValue(), got));
      }
    }
    for (String key : actual.keySet()) {
      if (!expected.containsKey(key) && shown++ < 5) {
        out.append(String.format("  %s unexpected row %s: %s%n", table, key, actual.get(key)));
      }
    }
    if (expected.size() != actual.size() || shown > 0) {
      out.append(
          String.format(
              "  %s: expected %d rows, found %d, %d differences%n",
              table, expected.size(), actual.size(), shown));
    }
  }
}
