package io.ringostat.amo.core;

import io.ringostat.amo.core.DeciderStatefulProperties.Accept;
import io.ringostat.amo.core.DeciderStatefulProperties.Action;
import io.ringostat.amo.core.DeciderStatefulProperties.Call;
import io.ringostat.amo.core.DeciderStatefulProperties.Chain;
import io.ringostat.amo.core.DeciderStatefulProperties.Close;
import io.ringostat.amo.core.DeciderStatefulProperties.ExternalContact;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.CallShrink;
import io.ringostat.amo.core.testing.SettingsShrink;
import io.ringostat.amo.core.testing.Shrink;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Simplifies a stateful {@link Chain}: fewer steps (whole calls, accepts, closes, external
 * contacts; halves first), then simpler steps (no redelivery, the call's final event alone and
 * plainer events by {@link CallShrink}, the first employee acting), then simpler settings
 * (fewer employees, keeping those the chain names; matrix cells that do nothing) and only the
 * phones the chain still uses.
 */
final class ChainShrink {
  private ChainShrink() {}

  static Shrink<Chain> chains() {
    Shrink<Chain> actions = chain -> Shrink.list(simplerAction(chain.settings()), 1)
        .candidates(chain.actions())
        .map(a -> new Chain(chain.settings(), chain.phones(), a));
    Shrink<Chain> settings = chain -> SettingsShrink.keeping(usersOf(chain))
        .or(SettingsShrink.matrices())
        .candidates(chain.settings()).map(s -> withSettings(chain, s));
    Shrink<Chain> phones = chain -> usedPhonesOnly(chain).stream();
    return actions.or(settings).or(phones);
  }

  private static Shrink<Action> simplerAction(IntegrationSettings s) {
    Shrink<List<CallEvent>> events = CallShrink.outlines()
        .normalizingPhones(s.phoneNormalizer()).events();
    return action -> {
      if (action instanceof Call c) {
        Stream<Action> once = c.redeliverLast()
            ? Stream.of(new Call(c.phone(), c.events(), false)) : Stream.empty();
        return Stream.concat(once, events.candidates(c.events())
            .map(e -> new Call(c.phone(), e, c.redeliverLast())));
      }
      if (action instanceof Accept a && a.employee() != 0) {
        return Stream.of(new Accept(a.phone(), 0));
      }
      if (action instanceof ExternalContact x && x.employee() != 0) {
        return Stream.of(new ExternalContact(x.phone(), 0));
      }
      return Stream.empty();
    };
  }

  /** The senior manager, the employees steps name and those who answer the calls. */
  private static Set<Long> usersOf(Chain chain) {
    IntegrationSettings s = chain.settings();
    Set<Long> users = new HashSet<>();
    users.add(s.seniorManagerUserId());
    for (Action action : chain.actions()) {
      if (action instanceof Call c) {
        c.events().forEach(e -> e.employeeEndpoint().flatMap(s.directory()::byEndpoint)
            .map(Employee::amoUserId).ifPresent(users::add));
      } else if (action instanceof Accept a) {
        users.add(s.employees().get(a.employee()).amoUserId());
      } else if (action instanceof ExternalContact x) {
        users.add(s.employees().get(x.employee()).amoUserId());
      }
    }
    return users;
  }

  /** {@code chain} with fewer employees; steps name the same employees at their new index. */
  private static Chain withSettings(Chain chain, IntegrationSettings fewer) {
    List<Employee> before = chain.settings().employees();
    List<Employee> after = fewer.employees();
    List<Action> actions = chain.actions().stream().map(action -> {
      if (action instanceof Accept a) {
        return (Action) new Accept(a.phone(), after.indexOf(before.get(a.employee())));
      }
      if (action instanceof ExternalContact x) {
        return (Action) new ExternalContact(x.phone(), after.indexOf(before.get(x.employee())));
      }
      return action;
    }).toList();
    return new Chain(fewer, chain.phones(), actions);
  }

  /** The chain without phones no step uses, steps renumbered; empty when every phone is used. */
  private static Optional<Chain> usedPhonesOnly(Chain chain) {
    Set<Integer> used = new TreeSet<>();
    chain.actions().forEach(a -> used.add(phoneOf(a)));
    used.remove(-1);
    if (used.size() == chain.phones().size()) {
      return Optional.empty();
    }
    List<Integer> order = new ArrayList<>(used);
    List<PhoneNumber> phones = order.stream().map(chain.phones()::get).toList();
    List<Action> actions = chain.actions().stream()
        .map(a -> renumber(a, phoneOf(a) < 0 ? -1 : order.indexOf(phoneOf(a)))).toList();
    return Optional.of(new Chain(chain.settings(),
        phones.isEmpty() ? chain.phones().subList(0, 1) : phones, actions));
  }

  private static int phoneOf(Action a) {
    if (a instanceof Call c) {
      return c.phone();
    }
    if (a instanceof Accept x) {
      return x.phone();
    }
    if (a instanceof Close x) {
      return x.phone();
    }
    return ((ExternalContact) a).phone();
  }

  private static Action renumber(Action a, int phone) {
    if (a instanceof Call c) {
      return new Call(phone, c.events(), c.redeliverLast());
    }
    if (a instanceof Accept x) {
      return new Accept(phone, x.employee());
    }
    if (a instanceof Close x) {
      return new Close(phone, x.won());
    }
    return new ExternalContact(phone, ((ExternalContact) a).employee());
  }
}
