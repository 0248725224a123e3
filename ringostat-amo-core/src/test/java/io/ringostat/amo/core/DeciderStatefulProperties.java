package io.ringostat.amo.core;

import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Facts;
import io.ringostat.amo.core.testing.FakeCrm;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Oracle;
import io.ringostat.amo.core.testing.Property;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A seeded chain of actions over a few phones runs through decide + {@link FakeCrm}: calls (all
 * their events, sometimes one delivered twice), managers accepting unsorted requests, deals
 * closing, another integration adding a contact. After every step the CRM keeps its invariants
 * (R-ONCE, R-CLASS): one contact per phone, at most one deal, contact and unsorted request per
 * call, one call record per (call, entity), one task per (call, template); and the CRM holds
 * exactly what the independent {@link Oracle} says, field by field (owners, pipelines, statuses,
 * fields, tags, call records per target with their owner, tasks with owner, text and deadline).
 */
class DeciderStatefulProperties {

  sealed interface Action {}

  /** The events of one call from phone {@code phone} (-1: an unrecognized number). */
  record Call(int phone, List<CallEvent> events, boolean redeliverLast) implements Action {}

  /** A manager accepts the phone's oldest pending unsorted request. */
  record Accept(int phone, int employee) implements Action {}

  /** The phone's first open deal is won or lost. */
  record Close(int phone, boolean won) implements Action {}

  /** Another integration adds a contact for a phone that has none. */
  record ExternalContact(int phone, int employee) implements Action {}

  record Chain(IntegrationSettings settings, List<PhoneNumber> phones, List<Action> actions) {
    @Override
    public String toString() {
      return "Chain{\n    settings: " + DecisionInput.describe(settings) + "\n    phones: "
          + phones + "\n    actions:\n      " + actions.stream().map(Object::toString)
          .collect(Collectors.joining("\n      ")) + "\n}";
    }
  }

  /** Chains of actions; a failing one is shrunk by {@link ChainShrink}. */
  static Gen<Chain> chains() {
    Gen<Chain> chains = (random, size) -> {
      IntegrationSettings s = Generators.settings().generate(random, size);
      String country = s.defaultCountry();
      List<PhoneNumber> phones = Gen.listOf(Generators.phoneNumbers(country), 1, 3)
          .generate(random, size).stream().distinct().toList();
      int n = 1 + random.nextInt(Math.max(1, size));
      List<Action> actions = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int phone = random.nextInt(phones.size());
        int kind = random.nextInt(10);
        int employee = random.nextInt(s.employees().size());
        if (kind < 7) {
          boolean invalid = random.nextInt(15) == 0;
          Gen<String> raw = invalid ? Generators.invalidPhones()
              : Generators.phoneFormats(phones.get(phone), country);
          actions.add(new Call(invalid ? -1 : phone,
              Generators.calls().clientPhone(raw).events(s).generate(random, size),
              random.nextInt(4) == 0));
        } else if (kind == 7) {
          actions.add(new Accept(phone, employee));
        } else if (kind == 8) {
          actions.add(new Close(phone, random.nextBoolean()));
        } else {
          actions.add(new ExternalContact(phone, employee));
        }
      }
      return new Chain(s, phones, actions);
    };
    return chains.shrinkWith(ChainShrink.chains());
  }

  @Covers({"R-ONCE", "R-CLASS", "R-MATRIX", "R-V1", "R-V2", "R-UNS", "R-PIPE", "R-FIELDS",
      "R-PHONE"})
  @TestFactory
  Stream<DynamicTest> chain() {
    return Stream.of(Property.forAll(chains())
        .test("R-ONCE R-CLASS R-MATRIX R-V1 R-V2 R-UNS R-PIPE R-FIELDS R-PHONE a chain of calls"
            + " through decide and a fake CRM keeps one contact per phone, one deal per call, one"
            + " record per call and entity, and leaves the CRM exactly as the independent oracle"
            + " says", chain -> run(chain, Decider.matrix())));
  }

  /**
   * Runs {@code chain} through {@code decider} and a {@link FakeCrm}; after every step checks the
   * invariants and compares the CRM with the oracle (an {@link AssertionError} names the step).
   */
  static void run(Chain chain, Decider decider) {
    IntegrationSettings s = chain.settings();
    FakeCrm crm = new FakeCrm();
    Oracle oracle = new Oracle(s);
    Map<Long, String> external = new HashMap<>();
    Map<String, CallProgress> progress = new HashMap<>();
    int step = 0;
    for (Action action : chain.actions()) {
      step++;
      if (action instanceof Call call) {
        for (CallEvent e : call.events()) {
          deliver(decider, crm, s, progress, e, false);
        }
        if (call.redeliverLast()) {
          deliver(decider, crm, s, progress, call.events().get(call.events().size() - 1),
              true);
        }
        oracle.call(call.phone() < 0 ? Optional.empty()
            : Optional.of(chain.phones().get(call.phone())), call.events());
      } else if (action instanceof Accept a) {
        PhoneNumber phone = chain.phones().get(a.phone());
        long user = s.employees().get(a.employee()).amoUserId();
        crm.unsorted().stream().filter(u -> !u.accepted() && u.phone().equals(phone))
            .findFirst().ifPresent(u -> crm.acceptUnsorted(u.uid(), user));
        oracle.accept(phone, user);
      } else if (action instanceof Close c) {
        PhoneNumber phone = chain.phones().get(c.phone());
        Facts.primaryOpenDeal(crm.view(phone)).ifPresent(d -> crm.closeDeal(d.id(), c.won()));
        oracle.close(phone, c.won());
      } else if (action instanceof ExternalContact x) {
        PhoneNumber phone = chain.phones().get(x.phone());
        if (crm.contactsWithPhone(phone).isEmpty()) {
          long user = s.employees().get(x.employee()).amoUserId();
          long id = crm.addContact(phone, "Added elsewhere", user);
          external.put(id, oracle.externalContact(phone, user));
        }
      }
      checkInvariants(chain, crm, step);
      assertThat(Oracle.snapshot(crm, external))
          .as("what the CRM holds after step %d (%s), compared with the oracle", step,
              action)
          .isEqualTo(oracle.snapshot());
    }
  }

  @Covers({"R-MATRIX"})
  @TestFactory
  Stream<DynamicTest> doingNothingIsCaught() {
    return Stream.of(Property.forAll(chains())
        .test("R-MATRIX the oracle catches a decider that does nothing: whenever the oracle"
            + " expects something in the CRM, an empty CRM differs from it", chain -> {
          Oracle oracle = new Oracle(chain.settings());
          for (Action action : chain.actions()) {
            if (action instanceof Call call) {
              oracle.call(call.phone() < 0 ? Optional.empty()
                  : Optional.of(chain.phones().get(call.phone())), call.events());
            }
          }
          String expected = oracle.snapshot();
          if (!expected.isEmpty()) {
            assertThat(Oracle.snapshot(new FakeCrm(), Map.of())).isNotEqualTo(expected);
          }
        }));
  }

  private static void deliver(Decider decider, FakeCrm crm, IntegrationSettings s,
      Map<String, CallProgress> progress, CallEvent e, boolean again) {
    CallProgress before = progress.getOrDefault(e.callId(), CallProgress.empty());
    Plan plan = decider.decide(e, crm.lookup(Decider.phone(e, s)), s, before);
    if (again) {
      assertThatPlan(plan).as("%s of %s delivered again", e.phase(), e.callId()).doesNothing();
    }
    progress.put(e.callId(), crm.apply(plan, before));
  }

  private static void checkInvariants(Chain chain, FakeCrm crm, int step) {
    for (PhoneNumber phone : chain.phones()) {
      assertThat(crm.contactsWithPhone(phone)).as("contacts of %s after step %d", phone, step)
          .hasSizeLessThanOrEqualTo(1);
    }
    assertThat(duplicates(crm.deals().stream().filter(d -> d.createdByCall().isPresent())
        .toList(), d -> d.createdByCall().get()))
        .as("calls that created two deals after step %d", step).isEmpty();
    assertThat(duplicates(crm.contacts().stream().filter(c -> c.createdByCall().isPresent())
        .toList(), c -> c.createdByCall().get()))
        .as("calls that created two contacts after step %d", step).isEmpty();
    assertThat(duplicates(crm.unsorted().stream().filter(u -> u.callId().isPresent()).toList(),
        u -> u.callId().get()))
        .as("calls that created two unsorted requests after step %d", step).isEmpty();
    assertThat(duplicates(crm.callRecords(), r -> r.uniq() + " on " + r.entityType() + " #"
        + r.entityId()))
        .as("call records repeated after step %d", step).isEmpty();
    assertThat(duplicates(crm.tasks(), t -> t.key().value()))
        .as("tasks repeated after step %d", step).isEmpty();
  }

  private static <T> List<String> duplicates(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting())).entrySet()
        .stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
  }
}
