package io.ringostat.amo.core.plan;

import java.util.Objects;

/**
 * The stable idempotency key of one effect: call id + effect kind + target, e.g. {@code
 * c0ffee-1/record-call/deal}. The journal records, per key, whether the effect was done and what
 * it created, so that retries and replays never apply it twice (R-ONCE).
 */
public record EffectKey(String callId, EffectKind kind, String target) {
  public EffectKey {
    Objects.requireNonNull(callId, "callId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(target, "target");
  }

  /** A key without a target part. */
  public static EffectKey of(String callId, EffectKind kind) {
    return new EffectKey(callId, kind, "");
  }

  /** A key with a target part. */
  public static EffectKey of(String callId, EffectKind kind, String target) {
    return new EffectKey(callId, kind, target);
  }

  /** The key as one string: {@code callId/kind[/target]}. */
  public String value() {
    return target.isEmpty() ? callId + "/" + kind.wire() : callId + "/" + kind.wire() + "/" + target;
  }

  @Override
  public String toString() {
    return value();
  }
}
