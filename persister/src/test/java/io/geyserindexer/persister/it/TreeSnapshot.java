package io.geyserindexer.persister.it;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/** Every table's rows and JSON columns at one moment, to compare two runs for identity. */
record TreeSnapshot(Map<String, TreeMap<String, String>> rows) {

  static Map<String, TreeSnapshot> of(Connection connection, EventFixture fixture)
      throws SQLException {
    Map<String, TreeSnapshot> out = new TreeMap<>();
    out.put("rows", new TreeSnapshot(TableRows.read(connection)));
    Map<String, TreeMap<String, String>> json = new TreeMap<>();
    for (String column : fixture.json.keySet()) {
      json.put(column, TableRows.readJson(connection, column));
    }
    out.put("json", new TreeSnapshot(json));
    return out;
  }
}
