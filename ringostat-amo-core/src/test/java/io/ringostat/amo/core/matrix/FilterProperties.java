package io.ringostat.amo.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** R-FILTER over generated settings, calls and CRM views: which calls count. */
class FilterProperties {
  /** An amoCRM user id no generated employee has. */
  private static final long COLLEAGUE_USER = 987_654_321L;

  private static PhoneNumber client(DecisionInput in) {
    return in.phone().number().orElseThrow();
  }

  /** The input with an employee whose phone is the client's: the call is internal. */
  private static DecisionInput internal(DecisionInput in) {
    IntegrationSettings s = IntegrationSettings.builder().from(in.settings())
        .addEmployee(Employee.builder().code("internal-colleague").name("Colleague")
            .addPhone(client(in).e164()).amoUserId(COLLEAGUE_USER).build())
        .build();
    return new DecisionInput(s, in.event(), in.view(), in.progress());
  }

  /** Inputs whose client number, or a prefix of it, is on the block list. */
  private static Gen<DecisionInput> blocked() {
    return Generators.inputs().validPhones().randomProgress(30).gen().flatMap(in -> {
      String digits = client(in).digits();
      return Gen.ints(1, digits.length()).flatMap(n -> Gen.booleans().map(record ->
          new DecisionInput(IntegrationSettings.builder().from(in.settings())
              .addBlockedNumber("+" + digits.substring(0, n)).recordBlockedOnExisting(record)
              .build(), in.event(), in.view(), in.progress())));
    });
  }

  /** Answered calls that ended below a minimum talk time set for their direction. */
  private static Gen<DecisionInput> tooShort() {
    return Generators.inputs().answered(true).phases(CallPhase.ENDED).randomProgress(30).gen()
        .filter(in -> in.event().answeredAt().isPresent())
        .flatMap(in -> Gen.ints(1, 600).flatMap(min -> Gen.ints(0, min * 1000 - 1).map(talk -> {
          CallEvent e = CallEvent.builder().from(in.event())
              .endedAt(in.event().answeredAt().get().plusMillis(talk)).build();
          IntegrationSettings s = IntegrationSettings.builder().from(in.settings())
              .putMinTalkTime(e.direction(), Duration.ofSeconds(min)).build();
          return new DecisionInput(s, e, in.view(), in.progress());
        })));
  }

  @TestFactory
  Stream<DynamicTest> whichCallsCount() {
    return Stream.of(
        Property.forAll(Generators.inputs().validPhones().randomProgress(30).gen()
                .map(FilterProperties::internal))
            .test("an internal call never plans a write, and needs no lookup", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects()).isEmpty();
              assertThat(plan.noAction()).contains(NoAction.INTERNAL_CALL);
              assertThat(plan.explanation()).anyMatch(l -> l.startsWith("Internal call"));
              assertThat(Decider.matrix().needsLookup(in.event(), in.settings(), in.progress()))
                  .isFalse();
            }),
        Property.forAll(blocked())
            .test("a blocked number never plans a creation; without recordBlockedOnExisting,"
                + " nothing at all", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects()).noneMatch(e -> e instanceof Effect.CreateContact
                  || e instanceof Effect.CreateDeal || e instanceof Effect.CreateUnsorted);
              if (!in.settings().recordBlockedOnExisting()) {
                assertThat(plan.effects()).isEmpty();
                assertThat(plan.noAction()).contains(NoAction.BLOCKED_NUMBER);
              } else {
                assertThat(plan.effects()).allMatch(e -> e instanceof Effect.RecordCall
                    || e instanceof Effect.NotifyIncomingCall);
              }
              assertThat(plan.explanation()).anyMatch(l -> l.startsWith("Blocked number"));
            }),
        Property.forAll(tooShort())
            .test("below the minimum talk time the scenario is a missed one, and so is the"
                + " record", in -> {
              Plan plan = in.decide();
              assertThat(plan.scenario()).hasValueSatisfying(s ->
                  assertThat(s.answered()).isFalse());
              assertThat(plan.explanation()).anyMatch(l -> l.contains("counted as missed"));
              assertThat(plan.effects(Effect.RecordCall.class)).allSatisfy(r -> {
                assertThat(r.status()).isEqualTo(CallStatus.of(Disposition.NO_ANSWER));
                assertThat(r.duration()).isEqualTo(in.event().talkTime());
              });
            }));
  }
}
