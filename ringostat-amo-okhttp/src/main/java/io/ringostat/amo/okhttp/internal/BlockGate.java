package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.AmoPermissionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The gateway's blocked state (R-LIMITS): after a 403 every request fails fast with {@link
 * AmoPermissionException#blocked()} except one probe per interval; a successful answer reopens.
 * Hammering a blocked account only prolongs the block. Thread-safe.
 */
public final class BlockGate {
  private final Clock clock;
  private final Duration probeInterval;
  private Instant blockedSince;
  private Instant nextProbeAt;

  public BlockGate(Clock clock, Duration probeInterval) {
    this.clock = clock;
    this.probeInterval = probeInterval;
  }

  /**
   * Lets {@code call} through, or throws while blocked; the first call after the probe interval
   * is the probe and passes.
   */
  public synchronized void admit(ApiCall call) {
    if (blockedSince == null) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(nextProbeAt)) {
      nextProbeAt = now.plus(probeInterval);
      return;
    }
    throw new AmoPermissionException(403, call.endpoint(), "Blocked",
        "not sent: amoCRM blocked this account's API at " + blockedSince
            + "; next probe at " + nextProbeAt, null, true);
  }

  /** Enters (or stays in) the blocked state; returns when the next probe may go. */
  public synchronized Instant block() {
    Instant now = clock.instant();
    if (blockedSince == null) {
      blockedSince = now;
    }
    nextProbeAt = now.plus(probeInterval);
    return nextProbeAt;
  }

  /** A request succeeded; returns true when that ended a block. */
  public synchronized boolean success() {
    if (blockedSince == null) {
      return false;
    }
    blockedSince = null;
    nextProbeAt = null;
    return true;
  }

  public synchronized boolean isBlocked() {
    return blockedSince != null;
  }
}
