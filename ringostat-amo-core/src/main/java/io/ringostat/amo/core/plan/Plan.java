package io.ringostat.amo.core.plan;

import io.ringostat.amo.core.matrix.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a decision: an ordered, immutable list of {@link Effect}s, or an explicit "nothing
 * to do" with the {@link NoAction} reason, plus a readable explanation (the scenario, the matched
 * pipeline rule, why each effect is there).
 *
 * <p>Effects may refer to entities created by earlier effects of the same plan ({@link
 * EntityRef.Pending}); a plan never refers forward, and no two effects share a key: the
 * constructor throws {@link IllegalArgumentException} otherwise. Immutable and thread-safe.
 *
 * @param retryLookupAfter set when the decision wants the lookup repeated once after this delay
 *     (update-only mode, R-V2, when another integration may be a moment late)
 */
public record Plan(
    String callId,
    Optional<Scenario> scenario,
    List<Effect> effects,
    List<String> explanation,
    Optional<NoAction> noAction,
    Optional<Duration> retryLookupAfter) {

  public Plan {
    effects = List.copyOf(effects);
    explanation = List.copyOf(explanation);
    if (effects.isEmpty() == noAction.isEmpty()) {
      throw new IllegalArgumentException("a plan has effects or a no-action reason, not both");
    }
    checkReferences(effects);
  }

  /** A plan with effects. */
  public static Plan of(String callId, Scenario scenario, List<Effect> effects,
      List<String> explanation) {
    return new Plan(callId, Optional.of(scenario), effects, explanation, Optional.empty(),
        Optional.empty());
  }

  /** A plan that does nothing, for {@code reason}. */
  public static Plan nothing(String callId, Optional<Scenario> scenario, NoAction reason,
      List<String> explanation) {
    return new Plan(callId, scenario, List.of(), explanation, Optional.of(reason),
        Optional.empty());
  }

  /** This plan, asking the engine to repeat the lookup once after {@code delay}. */
  public Plan withRetryLookupAfter(Duration delay) {
    return new Plan(callId, scenario, effects, explanation, noAction, Optional.of(delay));
  }

  public boolean isEmpty() {
    return effects.isEmpty();
  }

  /** The explanation as one text, a line each. */
  public String explain() {
    return String.join("\n", explanation);
  }

  /** The effects of type {@code type}, in plan order. */
  public <T extends Effect> List<T> effects(Class<T> type) {
    return effects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  private static void checkReferences(List<Effect> effects) {
    for (int i = 0; i < effects.size(); i++) {
      Effect e = effects.get(i);
      List<EntityRef> refs = e.refs();
      for (int r = 0; r < refs.size(); r++) {
        EntityRef ref = refs.get(r);
        if (ref instanceof EntityRef.Pending p && !hasKey(effects, i, p.createdBy())) {
          throw new IllegalArgumentException(
              e.key() + " refers to " + p.createdBy() + ", which is not an earlier effect");
        }
      }
      if (hasKey(effects, i, e.key())) {
        throw new IllegalArgumentException("duplicate effect key " + e.key());
      }
    }
  }

  /** True when one of the first {@code end} effects has {@code key}; plans are a few effects. */
  private static boolean hasKey(List<Effect> effects, int end, EffectKey key) {
    for (int i = 0; i < end; i++) {
      if (effects.get(i).key().equals(key)) {
        return true;
      }
    }
    return false;
  }
}
