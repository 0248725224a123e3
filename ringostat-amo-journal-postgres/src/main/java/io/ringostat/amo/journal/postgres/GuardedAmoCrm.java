package io.ringostat.amo.journal.postgres;

import io.ringostat.amo.core.spi.AmoCrm;
import io.ringostat.amo.engine.journal.OwnershipLostException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;

/**
 * An account's amoCRM port that asks the lease's {@link LeaseGuard} before every request and
 * throws {@link OwnershipLostException}, sending nothing, once the guard says no: a process that
 * was paused past its lease's expiry must not send what the new owner may be sending too.
 */
final class GuardedAmoCrm {
  /** Methods that send nothing to amoCRM. */
  private static final Set<String> LOCAL = Set.of("metrics", "useCredentials", "equals",
      "hashCode", "toString");

  private GuardedAmoCrm() {}

  /**
   * {@code amo}, guarded by {@code guard}; {@code onRefused} runs before each refusal. A dynamic
   * proxy, so that a method added to {@link AmoCrm} later is guarded too.
   */
  static AmoCrm guard(AmoCrm amo, LeaseGuard guard, String accountId, Runnable onRefused) {
    return (AmoCrm) Proxy.newProxyInstance(AmoCrm.class.getClassLoader(),
        new Class<?>[] {AmoCrm.class}, (proxy, method, args) -> {
          if (!LOCAL.contains(method.getName()) && !guard.held()) {
            onRefused.run();
            throw new OwnershipLostException(accountId, "account " + accountId + ": the lease"
                + " may have expired (not renewed in time); nothing is sent to amoCRM");
          }
          try {
            return method.invoke(amo, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
