package io.ringostat.amo.core;

import io.ringostat.amo.core.model.PhoneNumber;

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

/** The default {@link Decider}: the settings' matrix (see {@link Decider#matrix()}). */
final class MatrixDecider implements Decider {
  static final MatrixDecider INSTANCE = new MatrixDecider();

  private MatrixDecider() {}

  /**
   * Whether deciding {@code event} needs to know what the CRM holds for the phone (R-LIMITS: no
   * request that changes nothing). It does not when the number did not normalize, when the call is
   * internal or from a blocked number that is never recorded (R-FILTER), when the call already
   * wrote its call records (an update edits them by their journaled ids, R-LIFE), when this call
   * already created the client's contact (the journal knows its entities; unless a cell for
   * existing clients creates contacts, since then only a lookup tells whether the client existed
   * before this call), or when nothing in the
   * event's phase depends on the CRM: a RINGING event without the call popup, or an ANSWERED event
   * when the matrix creates nothing on answer and no settings-check task is due. Then {@link
   * #decide} gets only what the journal knows.
   */
  @Override
  public boolean needsLookup(CallEvent event, IntegrationSettings settings,
      CallProgress progress) {
    Optional<PhoneNumber> number = Decider.phone(event, settings).number();
    if (number.isEmpty()) {
      return false;
    }
    Optional<IntegrationSettings.LineMatch> line = settings.trackingLineOf(event);
    if (line.isPresent() && line.get().line().ignores()) {
      return false; // R-FILTER: an ignored tracking line plans nothing
    }
    // R-FILTER: internal calls and blocked numbers that are never recorded plan nothing
    if ((settings.ignoreInternalCalls() && settings.directory().byPhone(number.get()).isPresent())
        || (settings.isBlocked(number.get()) && !settings.recordBlockedOnExisting())) {
      return false;
    }
    if (event.phase().isFinal() && !progress.records().isEmpty()) {
      return false; // R-LIFE: an update edits the records the call wrote; their ids are journaled
    }
    if (progress.createdByCall(EntityType.CONTACT).isPresent() && !progress.hasUncertainCreation()
        && !createsContactsForExistingClients(settings.matrixFor(event), event.direction())) {
      return false;
    }
    switch (event.phase()) {
      case RINGING:
        return settings.callPopup() && event.direction() == CallDirection.INBOUND;
      case ANSWERED:
        DecisionMatrix m = settings.matrixFor(event);
        for (boolean existing : new boolean[] {false, true}) {
          for (MatrixCell cell : m.cellsOf(Scenario.of(event.direction(), true, existing))) {
            if (cell.creates() && cell.createOn() == Timing.ON_ANSWER) {
              return true;
            }
          }
        }
        return m.unknownEndpointTask().isPresent()
            && event.employeeEndpoint().flatMap(settings.directory()::byEndpoint).isEmpty();
      case ENDED:
      case UPDATED:
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
    return m.cellsOf(Scenario.of(direction, true, true)).stream()
        .anyMatch(MatrixCell::createContact)
        || m.cellsOf(Scenario.of(direction, false, true)).stream()
            .anyMatch(MatrixCell::createContact);
  }

  /**
   * Decides what {@code event} means for the CRM.
   *
   * @param view what the CRM holds for the event's normalized phone; empty when the phone did not
   *     normalize or {@link #needsLookup} said no lookup is needed
   * @param progress the effects already done for this call (from the journal)
   * @throws IllegalArgumentException if {@code view} is for another phone than the event's
   */
  @Override
  public Plan decide(CallEvent event, Optional<CrmView> view, IntegrationSettings settings,
      CallProgress progress) {
    PhoneParse phone = Decider.phone(event, settings);
    if (view.isPresent()
        && !(phone instanceof PhoneParse.Valid v && v.phone().equals(view.get().phone()))) {
      throw new IllegalArgumentException("view: looked up for another phone than the event's");
    }
    return new Decision(event, phone, view, settings, progress).plan();
  }
}
