package io.ringostat.amo.engine.internal;

import io.ringostat.amo.core.model.CrmView;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The lookups each call made, kept for {@code freshness} so that a later event of the same call
 * (an ENDED after its ANSWERED) decides on the same answer instead of asking amoCRM again (issue
 * 14: no request twice). Only amoCRM's answer is kept; what the SDK created since is merged from
 * the journal on every use, as for a fresh lookup.
 *
 * <p>What it risks: a change made in amoCRM by someone else within {@code freshness} — a deal
 * closed, a contact merged or reassigned between the call's answer and its end — is not seen by
 * the ENDED, which then records the call where the ANSWERED would have. Zero turns reuse off.
 * Bounded ({@value #MAX_CALLS} calls, oldest dropped). Thread-safe.
 */
final class CallLookups {
  static final int MAX_CALLS = 10_000;

  private record Seen(CrmView view, Instant at) {}

  private final Duration freshness;
  private final Map<String, Seen> byCall = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
      return size() > MAX_CALLS;
    }
  };

  CallLookups(Duration freshness) {
    this.freshness = freshness;
  }

  /** The answer {@code callId}'s own lookup got at most {@code freshness} before {@code now}. */
  synchronized Optional<CrmView> fresh(String callId, Instant now) {
    Seen s = byCall.get(callId);
    if (s == null || freshness.isZero() || s.at().plus(freshness).isBefore(now)) {
      return Optional.empty();
    }
    return Optional.of(s.view());
  }

  synchronized void remember(String callId, CrmView view, Instant at) {
    if (!freshness.isZero()) {
      byCall.put(callId, new Seen(view, at));
    }
  }

  /** Forgets {@code callId}'s lookup (its last event is done). */
  synchronized void forget(String callId) {
    byCall.remove(callId);
  }
}
