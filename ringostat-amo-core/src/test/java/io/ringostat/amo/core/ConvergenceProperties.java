package io.ringostat.amo.core;

import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.CallShrink;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.FakeCrm;
import io.ringostat.amo.core.testing.Facts;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import io.ringostat.amo.core.testing.SettingsShrink;
import io.ringostat.amo.core.testing.Shrink;
import io.ringostat.amo.core.testing.ViewShrink;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Deciding, carrying the plan out and deciding again converges (R-ONCE, STYLE §9), and the phases
 * of one call fit together: ANSWERED then ENDED creates nothing twice and gives what an ENDED-only
 * host gets (R-IN-1).
 */
class ConvergenceProperties {

  /** Settings, the events of one call and what the CRM held before it. */
  record CallInCrm(IntegrationSettings settings, List<CallEvent> events, Optional<CrmView> view) {
    @Override
    public String toString() {
      return "CallInCrm{\n    settings: " + DecisionInput.describe(settings) + "\n    events: "
          + events + "\n    view: " + view + "\n}";
    }

    FakeCrm crm() {
      return view.map(FakeCrm::seededFrom).orElseGet(FakeCrm::new);
    }
  }

  private static Gen<CallInCrm> calls(Generators.CallSpec spec) {
    Gen<CallInCrm> calls = (random, size) -> {
      IntegrationSettings s = Generators.settings().generate(random, size);
      List<CallEvent> events = spec.allEvents(s).generate(random, size).stream()
          .filter(e -> e.phase() != CallPhase.RINGING || random.nextBoolean()).toList();
      Optional<CrmView> view = Decider.phone(events.get(0), s).number()
          .map(p -> Generators.crmViews(p, s).generate(random, size));
      return new CallInCrm(s, events, view);
    };
    return calls.shrinkWith(simpler());
  }

  /**
   * Simpler calls in a simpler CRM: without RINGING (ANSWERED stays: the properties are about
   * it), plainer events, a view with fewer entities, settings with fewer employees and rules
   * and matrix cells that do nothing.
   */
  private static Shrink<CallInCrm> simpler() {
    Shrink<CallInCrm> events = call -> CallShrink.outlines()
        .normalizingPhones(call.settings().phoneNormalizer())
        .dropping(EnumSet.of(CallPhase.RINGING)).events().candidates(call.events())
        .map(e -> new CallInCrm(call.settings(), e, call.view()));
    Shrink<CallInCrm> view = call -> call.view().stream()
        .flatMap(ViewShrink.views()::candidates)
        .map(v -> new CallInCrm(call.settings(), call.events(), Optional.of(v)));
    Shrink<CallInCrm> settings = call -> SettingsShrink.keeping(users(call))
        .or(SettingsShrink.matrices()).candidates(call.settings()).map(s -> new CallInCrm(s, call.events(), call.view()));
    return events.or(view).or(settings);
  }

  /** The senior manager, who answered and the view's owners: the employees to keep. */
  private static Set<Long> users(CallInCrm call) {
    Set<Long> users = new HashSet<>();
    users.add(call.settings().seniorManagerUserId());
    call.events().forEach(e -> e.employeeEndpoint()
        .flatMap(call.settings().directory()::byEndpoint)
        .ifPresent(employee -> users.add(employee.amoUserId())));
    call.view().ifPresent(v -> users.addAll(ViewShrink.owners(v)));
    return users;
  }

  private static Set<String> keys(List<Plan> plans) {
    Set<String> out = new HashSet<>();
    plans.forEach(p -> p.effects().forEach(e -> out.add(e.key().value())));
    return out;
  }

  @Covers({"R-ONCE"})
  @TestFactory
  Stream<DynamicTest> phases() {
    return Stream.of(
        Property.forAll(calls(Generators.calls().answered(true)))
            .test("R-ONCE ANSWERED then ENDED never creates an entity twice, and the record lands"
                + " on the entities ANSWERED created", call -> {
              FakeCrm crm = call.crm();
              CallProgress progress = CallProgress.empty();
              List<Plan> plans = new ArrayList<>();
              for (CallEvent e : call.events()) {
                Plan plan = Decider.matrix().decide(e, crm.lookup(Decider.phone(e, call.settings())),
                    call.settings(), progress);
                plans.add(plan);
                progress = crm.apply(plan, progress);
              }
              long contacts = total(plans, Effect.CreateContact.class);
              long deals = total(plans, Effect.CreateDeal.class);
              long unsorted = total(plans, Effect.CreateUnsorted.class);
              assertThat(contacts).as("contacts created").isLessThanOrEqualTo(1);
              assertThat(deals).as("deals created").isLessThanOrEqualTo(1);
              assertThat(unsorted).as("unsorted requests created").isLessThanOrEqualTo(1);
              Plan last = plans.get(plans.size() - 1);
              Map<EffectKey, Map<EntityType, Long>> done = progress.done();
              for (Effect.RecordCall r : last.effects(Effect.RecordCall.class)) {
                EntityType type = r.target().type();
                Optional<Long> createdEarlier = earlierCreated(plans, done, type);
                if (createdEarlier.isPresent()) {
                  assertThat(Facts.existingId(r.target())).as("record on the %s", type)
                      .isEqualTo(createdEarlier);
                }
              }
            }),
        Property.forAll(calls(Generators.calls()))
            .test("R-IN-1 an ENDED-only host gets the same effects as one that also sends RINGING"
                + " and ANSWERED", call -> {
              CallEvent ended = call.events().get(call.events().size() - 1);
              Plan only = Decider.matrix().decide(ended, call.view(), call.settings(), CallProgress.empty());
              FakeCrm crm = call.crm();
              CallProgress progress = CallProgress.empty();
              List<Plan> plans = new ArrayList<>();
              for (CallEvent e : call.events()) {
                Plan plan = Decider.matrix().decide(e, crm.lookup(Decider.phone(e, call.settings())),
                    call.settings(), progress);
                plans.add(plan);
                progress = crm.apply(plan, progress);
              }
              Set<String> phased = keys(plans);
              phased.removeIf(k -> k.endsWith("/notify"));
              assertThat(phased).isEqualTo(keys(List.of(only)));
            }));
  }

  @Covers({"R-MATRIX", "R-ONCE"})
  @TestFactory
  Stream<DynamicTest> lookups() {
    return Stream.of(Property.forAll(calls(Generators.calls()))
        .test("R-MATRIX R-ONCE when Decider.needsLookup says no, deciding on what the journal"
            + " knows gives the same effects as deciding on a full lookup", call -> {
          FakeCrm crm = call.crm();
          CallProgress progress = CallProgress.empty();
          for (CallEvent e : call.events()) {
            var phone = Decider.phone(e, call.settings());
            Plan full = Decider.matrix().decide(e, crm.lookup(phone), call.settings(), progress);
            if (!Decider.matrix().needsLookup(e, call.settings(), progress)) {
              Plan lean = Decider.matrix().decide(e,
                  phone.number().map(p -> crm.journalView(p, e.callId())), call.settings(),
                  progress);
              assertThat(lean.effects()).as("%s without a lookup", e.phase())
                  .isEqualTo(full.effects());
            }
            progress = crm.apply(full, progress);
          }
        }));
  }

  private static long total(List<Plan> plans, Class<? extends Effect> type) {
    return plans.stream().mapToLong(p -> Facts.count(p, type)).sum();
  }

  private static Optional<Long> earlierCreated(List<Plan> plans,
      Map<EffectKey, Map<EntityType, Long>> done, EntityType type) {
    for (int i = 0; i < plans.size() - 1; i++) {
      for (Effect e : plans.get(i).effects()) {
        if (e.creates().contains(type)) {
          return Optional.ofNullable(done.get(e.key()).get(type));
        }
      }
    }
    return Optional.empty();
  }

  @Covers({"R-ONCE"})
  @TestFactory
  Stream<DynamicTest> convergence() {
    return Stream.of(
        Property.forAll(Generators.inputs().gen())
            .test("R-ONCE carrying a plan out and deciding again on the new view leaves nothing"
                + " to do", in -> {
              FakeCrm crm = in.view().map(FakeCrm::seededFrom).orElseGet(FakeCrm::new);
              Plan plan = in.decide();
              CallProgress progress = crm.apply(plan, in.progress());
              Plan again = Decider.matrix().decide(in.event(), crm.lookup(in.phone()), in.settings(),
                  progress);
              assertThatPlan(again).doesNothing();
            }),
        Property.forAll(calls(Generators.calls()))
            .test("R-ONCE every event of a call delivered twice does nothing the second time",
                call -> {
                  FakeCrm crm = call.crm();
                  CallProgress progress = CallProgress.empty();
                  for (CallEvent e : call.events()) {
                    Plan plan = Decider.matrix().decide(e, crm.lookup(Decider.phone(e, call.settings())),
                        call.settings(), progress);
                    progress = crm.apply(plan, progress);
                    Plan again = Decider.matrix().decide(e, crm.lookup(Decider.phone(e, call.settings())),
                        call.settings(), progress);
                    assertThatPlan(again).as("%s delivered again", e.phase()).doesNothing();
                  }
                }));
  }
}
