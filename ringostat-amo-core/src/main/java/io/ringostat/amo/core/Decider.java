package io.ringostat.amo.core;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.util.Optional;

/**
 * The decision: {@code (call event, what the CRM holds for the phone, settings, what was already
 * done for this call) → Plan} (R-CLASS, R-MATRIX, R-V1, R-V2, R-UNS, R-PIPE, R-FIELDS).
 *
 * <p><b>Contract.</b> Implementations are pure and thread-safe: no I/O, no clock reads (time comes
 * from the event), no randomness, no logging. The same inputs always give an equal plan, and
 * deciding again with the progress of an executed plan gives an empty plan. The engine relies on
 * this to replay an event after a crash. {@link #matrix()} is the default; a host may wrap it (to
 * log, count or override) or replace it, as mobius's {@code Update} is wrapped.
 *
 * <pre>{@code
 * Decider decider = Decider.matrix();
 * Optional<CrmView> view = Decider.phone(event, settings).number().map(amo::lookup);
 * Plan plan = decider.decide(event, view, settings, CallProgress.empty());
 * }</pre>
 */
public interface Decider {
  /** The decision by the settings' matrix: the presets and every copy of them. */
  static Decider matrix() {
    return MatrixDecider.INSTANCE;
  }

  /** The client's phone of {@code event}, normalized with the settings' default country. */
  static PhoneParse phone(CallEvent event, IntegrationSettings settings) {
    return settings.phoneNormalizer().normalize(event.clientPhone());
  }

  /**
   * Whether deciding {@code event} needs to know what the CRM holds for the phone (R-LIMITS: no
   * request that changes nothing). When it returns false, {@link #decide} gets only what the
   * journal knows (or nothing).
   */
  boolean needsLookup(CallEvent event, IntegrationSettings settings, CallProgress progress);

  /**
   * Decides what {@code event} means for the CRM.
   *
   * @param view what the CRM holds for the event's normalized phone; empty when the phone did not
   *     normalize or {@link #needsLookup} said no lookup is needed
   * @param progress the effects already done for this call (from the journal)
   * @throws IllegalArgumentException if {@code view} is for another phone than the event's
   */
  Plan decide(CallEvent event, Optional<CrmView> view, IntegrationSettings settings,
      CallProgress progress);
}
