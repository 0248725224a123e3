package io.ringostat.amo.engine.host;

import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;

/**
 * Wraps an account's journal so that the host learns at once when a write is refused because
 * another process owns the account (a fenced journal's {@link OwnershipLostException}). The
 * exception still reaches the caller.
 */
final class OwnershipWatch {
  private OwnershipWatch() {}

  /**
   * {@code journal}, calling {@code onLost} whenever one of its methods throws {@link
   * OwnershipLostException}. A dynamic proxy rather than a hand-written decorator, so that a
   * method added to {@link Journal} later (a default one included) still reaches {@code journal}.
   */
  static Journal watch(Journal journal, Runnable onLost) {
    return (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(),
        new Class<?>[] {Journal.class}, (proxy, method, args) -> {
          try {
            return method.invoke(journal, args);
          } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OwnershipLostException) {
              onLost.run();
            }
            throw e.getCause();
          }
        });
  }
}
