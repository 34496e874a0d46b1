package io.geyserindexer.persister.write;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * The one place that classifies database errors by SQLSTATE. Transient: connection exceptions
 * (08*), serialization failure (40001), deadlock (40P01), operator intervention such as a server
 * shutdown (57P0*), too many connections (53300), and the driver's or pool's own transient and
 * recoverable exceptions. Permanent for the record that caused it: data exceptions (22*) and
 * integrity violations (23*). Anything else (a missing table, no privilege) is fatal: retrying
 * cannot help and writing around it would skip data.
 */
public final class SqlStates {

  /** What to do about an error. */
  public enum Kind {
    TRANSIENT,
    PERMANENT,
    FATAL
  }

  private SqlStates() {}

  public static Kind classify(SQLException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        String state = sql.getSQLState();
        if (state != null) {
          if (state.startsWith("08")
              || state.equals("40001")
              || state.equals("40P01")
              || state.startsWith("57P0")
              || state.equals("53300")) {
            return Kind.TRANSIENT;
          }
          if (state.startsWith("22") || state.startsWith("23")) {
            return Kind.PERMANENT;
          }
        }
        if (sql instanceof SQLTransientException || sql instanceof SQLRecoverableException) {
          return Kind.TRANSIENT;
        }
      }
    }
    return Kind.FATAL;
  }
}
