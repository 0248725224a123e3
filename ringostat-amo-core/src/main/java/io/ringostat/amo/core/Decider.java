package io.ringostat.amo.core;

import io.ringostat.amo.core.internal.Decision;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import java.util.Optional;

/**
 * The pure decision: {@code (call event, what the CRM holds for the phone, settings, what was
 * already done for this call) → Plan} (R-CLASS, R-MATRIX, R-V1, R-V2, R-UNS, R-PIPE, R-FIELDS).
 *
 * <p>Pure and thread-safe: no I/O, no clock reads (time comes from the event), no randomness, no
 * logging. The same inputs always give an equal plan. Deciding again with the progress of an
 * executed plan gives an empty plan.
 *
 * <pre>{@code
 * PhoneParse phone = Decider.phone(event, settings);
 * Optional<CrmView> view = phone.number().map(gateway::lookup);
 * Plan plan = Decider.decide(event, view, settings, CallProgress.empty());
 * }</pre>
 */
public final class Decider {
  private Decider() {}

  /** The client's phone of {@code event}, normalized with the settings' default country. */
  public static PhoneParse phone(CallEvent event, IntegrationSettings settings) {
    return settings.phoneNormalizer().normalize(event.clientPhone());
  }

  /**
   * Whether deciding {@code event} needs to know what the CRM holds for the phone (R-LIMITS: no
   * request that changes nothing). It does not when the number did not normalize, when this call
   * already created the client's contact (the journal knows its entities; unless a cell for
   * existing clients creates contacts, since then only a lookup tells whether the client existed
   * before this call), or when nothing in the
   * event's phase depends on the CRM: a RINGING event without the call popup, or an ANSWERED event
   * when the matrix creates nothing on answer and no settings-check task is due. Then {@link
   * #decide} gets only what the journal knows.
   */
  public static boolean needsLookup(CallEvent event, IntegrationSettings settings,
      CallProgress progress) {
    if (phone(event, settings).number().isEmpty()) {
      return false;
    }
    if (progress.createdByCall(EntityType.CONTACT).isPresent() && !progress.hasUncertainCreation()
        && !createsContactsForExistingClients(settings.matrix(), event.direction())) {
      return false;
    }
    switch (event.phase()) {
      case RINGING:
        return settings.callPopup() && event.direction() == CallDirection.INBOUND;
      case ANSWERED:
        DecisionMatrix m = settings.matrix();
        for (boolean existing : new boolean[] {false, true}) {
          MatrixCell cell = m.cell(Scenario.of(event.direction(), true, existing));
          if (cell.creates() && cell.createOn() == Timing.ON_ANSWER) {
            return true;
          }
        }
        return m.unknownEndpointTask().isPresent()
            && event.employeeEndpoint().flatMap(settings.directory()::byEndpoint).isEmpty();
      case ENDED:
      default:
        return true;
    }
  }

  /**
   * True when a cell for existing clients of {@code direction} creates a contact: then a contact
   * this call created does not prove the client was new (an open deal without a contact may have
   * made it existing), and only a lookup tells the scenario.
   */
  private static boolean createsContactsForExistingClients(DecisionMatrix m,
      CallDirection direction) {
    return m.cell(Scenario.of(direction, true, true)).createContact()
        || m.cell(Scenario.of(direction, false, true)).createContact();
  }

  /**
   * Decides what {@code event} means for the CRM.
   *
   * @param view what the CRM holds for the event's normalized phone; empty when the phone did not
   *     normalize or {@link #needsLookup} said no lookup is needed
   * @param progress the effects already done for this call (from the journal)
   * @throws IllegalArgumentException if {@code view} is for another phone than the event's
   */
  public static Plan decide(CallEvent event, Optional<CrmView> view, IntegrationSettings settings,
      CallProgress progress) {
    PhoneParse phone = phone(event, settings);
    if (view.isPresent()
        && !(phone instanceof PhoneParse.Valid v && v.phone().equals(view.get().phone()))) {
      throw new IllegalArgumentException("view: looked up for another phone than the event's");
    }
    return new Decision(event, phone, view, settings, progress).plan();
  }
}
