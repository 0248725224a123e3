package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.AmoAuthenticationException;
import io.ringostat.amo.okhttp.AmoPermissionException;
import io.ringostat.amo.okhttp.GatewayListener;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls the host's listener, logging and swallowing whatever it throws. */
public final class SafeListener implements GatewayListener {
  private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);
  private final GatewayListener delegate;

  public SafeListener(GatewayListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void blocked(AmoPermissionException cause, Instant nextProbeAt) {
    run(() -> delegate.blocked(cause, nextProbeAt));
  }

  @Override
  public void unblocked() {
    run(delegate::unblocked);
  }

  @Override
  public void authenticationFailed(AmoAuthenticationException cause) {
    run(() -> delegate.authenticationFailed(cause));
  }

  @Override
  public void tokenRefreshed() {
    run(delegate::tokenRefreshed);
  }

  @Override
  public void retrying(String endpoint, int attempt, Duration backoff, String reason) {
    run(() -> delegate.retrying(endpoint, attempt, backoff, reason));
  }

  private static void run(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("GatewayListener threw {}; ignored", e.getClass().getName());
    }
  }
}
