package io.ringostat.amo.journal.postgres;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * A {@link DataSource} that pauses a journal write inside its transaction, to interleave it with
 * another process: once {@link #pauseBefore armed}, the next statement whose SQL matches waits
 * (after {@code SELECT txid_current()}, so its transaction has really begun) until {@link
 * #resume()}. {@link #paused} counts down when it waits.
 */
final class PausingDataSource {
  private final DataSource target;
  private volatile Predicate<String> trigger = sql -> false;
  final CountDownLatch paused = new CountDownLatch(1);
  private final CountDownLatch resume = new CountDownLatch(1);

  PausingDataSource(DataSource target) {
    this.target = target;
  }

  void pauseBefore(Predicate<String> sql) {
    this.trigger = sql;
  }

  void resume() {
    resume.countDown();
  }

  DataSource dataSource() {
    InvocationHandler ds = (proxy, m, args) -> {
      Object result = invoke(target, m, args);
      return result instanceof Connection c ? connection(c) : result;
    };
    return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, ds);
  }

  private Connection connection(Connection c) {
    InvocationHandler h = (proxy, m, args) -> {
      if (m.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
          && trigger.test(sql)) {
        trigger = s -> false;
        try (Statement s = c.createStatement()) {
          s.execute("SELECT txid_current()");
        }
        paused.countDown();
        if (!resume.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test: never resumed");
        }
      }
      return invoke(c, m, args);
    };
    return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {Connection.class}, h);
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
