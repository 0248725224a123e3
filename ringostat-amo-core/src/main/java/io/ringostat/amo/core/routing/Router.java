package io.ringostat.amo.core.routing;

import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.core.model.CrmCompany;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Locale;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The pure part of smart routing (R-ROUTE): search the entities of a {@link CrmView} in the
 * configured priority order, and route to the employee responsible for the first one whose
 * responsible user maps to an active employee. Closed deals never route; an unmapped or
 * deactivated responsible falls through to the next entity.
 *
 * <p>Pure and thread-safe.
 */
public final class Router {
  private Router() {}

  /**
   * Routes by the responsible manager.
   *
   * @param activeUser tells whether an amoCRM user is active (deactivated users never route)
   */
  public static RoutingDecision byResponsible(CrmView view, List<RoutingTarget> priority,
      EmployeeDirectory directory, LongPredicate activeUser) {
    return byResponsible(view, priority, directory, activeUser, Optional.empty(), Instant.EPOCH);
  }

  /**
   * Routes by the responsible manager, skipping one who is not working at {@code at} (R-HOURS):
   * their own hours, else the account's. The decision's reason names every manager skipped and
   * why; when the only managers found are not working, it falls through with {@link
   * FallThroughReason#RESPONSIBLE_NOT_WORKING}.
   *
   * @param hours the working hours in the account's zone; empty: everybody always works
   * @param at when the call rings (the engine's clock; the core has none)
   */
  public static RoutingDecision byResponsible(CrmView view, List<RoutingTarget> priority,
      EmployeeDirectory directory, LongPredicate activeUser, Optional<Schedules> hours,
      Instant at) {
    boolean found = false;
    boolean onlyNotWorking = true;
    List<String> skipped = new ArrayList<>();
    for (RoutingTarget target : priority) {
      for (Candidate c : candidates(view, target)) {
        found = true;
        if (c.responsible().isEmpty()) {
          skipped.add(c.describe() + " has no responsible user");
          onlyNotWorking = false;
          continue;
        }
        long user = c.responsible().get();
        Optional<Employee> e = directory.byAmoUser(user);
        if (e.isEmpty()) {
          skipped.add(c.describe() + ": responsible user " + user + " is no employee");
          onlyNotWorking = false;
        } else if (!activeUser.test(user)) {
          skipped.add(c.describe() + ": responsible user " + user + " is deactivated");
          onlyNotWorking = false;
        } else if (hours.isPresent() && !hours.get().forUser(user).isOpen(at)) {
          WorkingHours h = hours.get().forUser(user);
          skipped.add(c.describe() + ": responsible " + e.get().name() + " (user " + user
              + ") is not working at " + LOCAL.format(at.atZone(h.zone())) + " " + h.zone()
              + " (workingHours)");
        } else {
          return RoutingDecision.route(e.get(), target, c.id(),
              "responsible for " + c.describe() + " (priority " + priority + ")"
                  + (skipped.isEmpty() ? "" : "; skipped " + String.join("; ", skipped)));
        }
      }
    }
    if (!found) {
      return RoutingDecision.fallThrough(FallThroughReason.NOT_FOUND,
          "no open " + priority + " for this phone");
    }
    return RoutingDecision.fallThrough(onlyNotWorking
        ? FallThroughReason.RESPONSIBLE_NOT_WORKING : FallThroughReason.RESPONSIBLE_UNKNOWN,
        String.join("; ", skipped));
  }

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("EEE dd.MM HH:mm", Locale.ROOT);

  /** Routes to the employee who last talked with the client, if known and active. */
  public static RoutingDecision byLastTalk(Optional<LastTalk> last, EmployeeDirectory directory,
      LongPredicate activeUser) {
    return byLastTalk(last, directory, activeUser, Optional.empty(), Instant.EPOCH);
  }

  /**
   * Routes to the employee who last talked with the client, if known, active and working at
   * {@code at} (R-HOURS); otherwise falls through, {@link
   * FallThroughReason#RESPONSIBLE_NOT_WORKING} when they are only off work.
   */
  public static RoutingDecision byLastTalk(Optional<LastTalk> last, EmployeeDirectory directory,
      LongPredicate activeUser, Optional<Schedules> hours, Instant at) {
    if (last.isPresent() && hours.isPresent()) {
      long user = last.get().amoUserId();
      WorkingHours h = hours.get().forUser(user);
      Optional<Employee> e = directory.byAmoUser(user);
      if (e.isPresent() && activeUser.test(user) && !h.isOpen(at)) {
        return RoutingDecision.fallThrough(FallThroughReason.RESPONSIBLE_NOT_WORKING,
            "the last employee to talk with the client, " + e.get().name() + " (user " + user
                + "), is not working at " + LOCAL.format(at.atZone(h.zone())) + " " + h.zone()
                + " (workingHours)");
      }
    }
    if (last.isEmpty()) {
      return RoutingDecision.fallThrough(FallThroughReason.NOT_FOUND,
          "nobody has talked with this client yet");
    }
    long user = last.get().amoUserId();
    Optional<Employee> e = directory.byAmoUser(user).filter(x -> activeUser.test(user));
    if (e.isEmpty()) {
      return RoutingDecision.fallThrough(FallThroughReason.RESPONSIBLE_UNKNOWN,
          "the last employee to talk with the client (user " + user + ") is unknown or inactive");
    }
    return new RoutingDecision(e, RoutingDecision.destinationsOf(e.get()), Optional.empty(),
        Optional.empty(), Optional.empty(), "last talked with the client at " + last.get().at(),
        false);
  }

  private record Candidate(String kind, Optional<Long> id, Optional<Long> responsible) {
    String describe() {
      return kind + id.map(i -> " #" + i).orElse("");
    }
  }

  private static List<Candidate> candidates(CrmView view, RoutingTarget target) {
    List<Candidate> out = new ArrayList<>();
    switch (target) {
      case UNSORTED:
        for (CrmUnsorted u : view.unsorted()) {
          out.add(new Candidate("unsorted request " + u.uid(), u.leadId(), u.responsibleUserId()));
        }
        break;
      case CONTACT:
        view.primaryContact().ifPresent(primary -> {
          out.add(contact(primary));
          view.contacts().stream().filter(c -> c.id() != primary.id())
              .forEach(c -> out.add(contact(c)));
        });
        break;
      case DEAL:
        for (CrmDeal d : view.openDeals()) {
          out.add(new Candidate("open deal", Optional.of(d.id()), d.responsibleUserId()));
        }
        break;
      case COMPANY:
      default:
        for (CrmCompany co : view.companies()) {
          out.add(new Candidate("company", Optional.of(co.id()), co.responsibleUserId()));
        }
        break;
    }
    return out;
  }

  private static Candidate contact(CrmContact c) {
    return new Candidate("contact", Optional.of(c.id()), c.responsibleUserId());
  }
}
