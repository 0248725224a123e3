package io.ringostat.amo.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One HTTP answer of the receiver: a status, a small JSON body, and whether the connection must be
 * closed (after a body that was not read to its end). Immutable.
 */
record Reply(int status, String json, boolean close, String contentType) {
  static final String JSON = "application/json; charset=utf-8";

  Reply(int status, String json, boolean close) {
    this(status, json, close, JSON);
  }

  /** An HTML page (the install flow's answers to a browser). */
  static Reply html(int status, String html) {
    return new Reply(status, html, false, "text/html; charset=utf-8");
  }

  /** A problem with the request, as answered in {@code {"problems":[{"path":…,"reason":…}]}}. */
  record Problem(String path, String reason) {}

  static Reply of(int status, String json) {
    return new Reply(status, json, false);
  }

  /** {@code status} with {@code {"problems":[…]}}; {@code extra} (already JSON members) may follow. */
  static Reply problems(int status, List<Problem> problems, String extra) {
    StringBuilder b = new StringBuilder("{\"problems\":[");
    for (int i = 0; i < problems.size(); i++) {
      Problem p = problems.get(i);
      b.append(i == 0 ? "" : ",").append("{\"path\":").append(quote(p.path()))
          .append(",\"reason\":").append(quote(p.reason())).append('}');
    }
    b.append(']').append(extra.isEmpty() ? "" : "," + extra).append('}');
    return of(status, b.toString());
  }

  /** {@code status} with one problem. */
  static Reply problem(int status, String path, String reason) {
    return problems(status, List.of(new Problem(path, reason)), "");
  }

  /** The same answer, closing the connection afterwards. */
  Reply closing() {
    return new Reply(status, json, true, contentType);
  }

  byte[] bytes() {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** {@code s} as a JSON string literal. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
