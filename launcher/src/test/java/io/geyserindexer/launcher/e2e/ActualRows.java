package io.geyserindexer.launcher.e2e;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What PostgreSQL holds, read with {@link ExpectedRows#SQL} into the same one-line-per-row form, so
 * the two compare directly. Rows come back as lists (not sets), so a duplicate would show.
 */
public final class ActualRows {

  private ActualRows() {}

  /** Per table, every row from slot {@code from} on ({@code accounts}: every row). */
  public static Map<String, List<String>> read(Connection c, long from) throws SQLException {
    Map<String, List<String>> out = new TreeMap<>();
    for (var table : ExpectedRows.SQL.entrySet()) {
      List<String> rows = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement(table.getValue())) {
        if (table.getValue().contains("?")) {
          s.setLong(1, from);
        }
        try (ResultSet rs = s.executeQuery()) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            Object[] values = new Object[columns];
            for (int i = 0; i < columns; i++) {
              Object value = rs.getObject(i + 1);
              values[i] = value instanceof BigDecimal d ? d.toPlainString() : value;
            }
            rows.add(ExpectedRows.line(values));
          }
        }
      }
      out.put(table.getKey(), rows);
    }
    return out;
  }
}
