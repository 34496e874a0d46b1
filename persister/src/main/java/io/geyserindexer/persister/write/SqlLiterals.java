package io.geyserindexer.persister.write;

import java.util.Base64;
import java.util.List;

/**
 * Renders per-row nested values (a transaction's text[] and numeric[] columns, its jsonb columns)
 * as text that PostgreSQL casts back, so a whole poll still binds as one set of flat arrays for
 * {@code unnest}. Every string goes through {@link NulEscape} first.
 */
final class SqlLiterals {

  private SqlLiterals() {}

  /** A text[] literal: each element double-quoted with backslash escapes, so any text survives. */
  static String textArray(List<String> elements) {
    if (elements.isEmpty()) {
      return "{}";
    }
    String[] quoted = new String[elements.size()];
    for (int i = 0; i < quoted.length; i++) {
      quoted[i] = escapeElement(NulEscape.encode(elements.get(i)));
    }
    // String.join copies whole strings; appending char by char to one StringBuilder was a tenth
    // of the persister thread's samples (per-char appends, and inflating to UTF-16 mid-way).
    return "{\"" + String.join("\",\"", quoted) + "\"}";
  }

  private static String escapeElement(String value) {
    if (value.indexOf('"') < 0 && value.indexOf('\\') < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length() + 8);
    for (int j = 0; j < value.length(); j++) {
      char c = value.charAt(j);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** A numeric[] literal of u64 values. */
  static String unsignedArray(List<Long> values) {
    StringBuilder out = new StringBuilder(values.size() * 12 + 2).append('{');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(Long.toUnsignedString(values.get(i)));
    }
    return out.append('}').toString();
  }

  /** Appends a JSON string (NUL-escaped, then JSON-escaped). */
  static StringBuilder jsonString(StringBuilder out, String text) {
    String value = NulEscape.encode(text);
    out.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }

  /** Appends a JSON array of the unsigned bytes of {@code bytes} (instruction account indexes). */
  static StringBuilder jsonByteArray(StringBuilder out, byte[] bytes) {
    out.append('[');
    for (int i = 0; i < bytes.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(bytes[i] & 0xff);
    }
    return out.append(']');
  }

  static StringBuilder jsonBase64(StringBuilder out, byte[] bytes) {
    return out.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
  }
}
