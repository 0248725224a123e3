package io.ringostat.amo.okhttp.internal;

import io.ringostat.amo.okhttp.AmoPermissionException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's blocked state (R-LIMITS): after a 403 (or 402) every call fails fast with {@link
 * AmoPermissionException#blocked()} except one probe per interval; a successful answer reopens.
 * Hammering a blocked account only prolongs the block. A JSON 403 on a call marked {@link
 * ApiCall#permissionCheck()} means the user lacks rights for that request, not a block.
 * Thread-safe.
 */
final class BlockGate implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(BlockGate.class);

  private final Channel next;
  private final Clock clock;
  private final Duration probeInterval;
  private final SafeListener listener;
  private Instant blockedSince;
  private Instant nextProbeAt;

  BlockGate(Channel next, Clock clock, Duration probeInterval, SafeListener listener) {
    this.next = next;
    this.clock = clock;
    this.probeInterval = probeInterval;
    this.listener = listener;
  }

  @Override
  public ApiResponse send(ApiCall call) {
    admit(call);
    ApiResponse r;
    try {
      r = next.send(call);
    } catch (AmoPermissionException e) {
      if (call.permissionCheck() && !e.blocked()) {
        LOG.warn("{}: HTTP {}: the user lacks the rights for this request", call.endpoint(),
            e.statusCode());
        throw e;
      }
      Instant next = block();
      LOG.warn("{}: HTTP {}; amoCRM refuses this account's requests; stopping, next probe at {}",
          call.endpoint(), e.statusCode(), next);
      listener.blocked(e, next);
      throw e;
    }
    if (reopen()) {
      LOG.info("amoCRM answered again after a block; requests flow");
      listener.unblocked();
    }
    return r;
  }

  synchronized boolean isBlocked() {
    return blockedSince != null;
  }

  private synchronized void admit(ApiCall call) {
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

  private synchronized Instant block() {
    Instant now = clock.instant();
    if (blockedSince == null) {
      blockedSince = now;
    }
    nextProbeAt = now.plus(probeInterval);
    return nextProbeAt;
  }

  private synchronized boolean reopen() {
    if (blockedSince == null) {
      return false;
    }
    blockedSince = null;
    nextProbeAt = null;
    return true;
  }
}
