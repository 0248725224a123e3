package io.ringostat.amo.testkit.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;

/** What handlers share: the account, the state, the clock and the server's base URL. */
final class Env {
  final Account account;
  final Store store;
  final Clock clock;
  /**
   * Task types by id: the built-in 1 (call) and 2 (meeting), and the account's custom ones
   * (reference §10: custom types come with the account's {@code with=task_types}).
   */
  final java.util.Map<Integer, String> taskTypes = new java.util.LinkedHashMap<>(
      java.util.Map.of(1, "Follow-up", 2, "Meeting"));
  private volatile String baseUrl = "http://127.0.0.1";

  Env(Account account, Store store, Clock clock) {
    this.account = account;
    this.store = store;
    this.clock = clock;
  }

  void baseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** Now, in Unix seconds, from the injected clock. */
  long now() {
    return clock.instant().getEpochSecond();
  }

  /** An absolute link on the emulator itself, so clients can follow {@code _links}. */
  String href(String pathAndQuery) {
    return baseUrl + pathAndQuery;
  }

  /** {@code {"self":{"href":...}}}. */
  ObjectNode selfLink(String path) {
    ObjectNode links = Json.object();
    links.putObject("self").put("href", href(path));
    return links;
  }
}
