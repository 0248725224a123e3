package io.ringostat.amo.core.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TrackingLine;
import io.ringostat.amo.core.testing.DecisionInput;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * R-FILTER tracking lines and R-HOURS deadlines over generated settings, calls and CRM views.
 */
class LinesAndHoursProperties {
  private static final String SUPPORT_NUMBER = "+380441119999";

  /** The input's call on the support line: by its tracking number, or by its trunk. */
  private static Gen<DecisionInput> onLine(TrackingLine line) {
    return Generators.inputs().randomProgress(30).gen().flatMap(in -> Gen.booleans().map(byTrunk -> {
      CallEvent e = byTrunk
          ? CallEvent.builder().from(in.event()).tracking(Tracking.builder()
              .from(in.event().tracking()).putExtra("Trunk", " SUPPORT-trunk ").build()).build()
          : CallEvent.builder().from(in.event()).trackingPhone(SUPPORT_NUMBER).build();
      IntegrationSettings s = IntegrationSettings.builder().from(in.settings())
          .addTrackingLine(line).build();
      return new DecisionInput(s, e, in.view(), in.progress());
    }));
  }

  private static final TrackingLine IGNORED =
      TrackingLine.ignored("support", List.of("+380 44 111 99 99"), List.of("support-trunk"));
  private static final TrackingLine SUPPORT = TrackingLine.withMatrix("support",
      List.of(SUPPORT_NUMBER), List.of("support-trunk"), MatrixPresets.UPDATE_ONLY);

  /** Office hours in Kyiv with a holiday, and sometimes Anna-like own hours for one employee. */
  private static Gen<DecisionInput> withHours() {
    ZoneId kyiv = ZoneId.of("Europe/Kyiv");
    WorkingHours office = WorkingHours.builder(kyiv).weekdays("09:00-13:00", "14:00-18:00")
        .day(java.time.DayOfWeek.SATURDAY, "10:00-12:00")
        .holiday(LocalDate.of(2024, 5, 9)).build();
    WorkingHours late = WorkingHours.builder(kyiv).weekdays("12:00-21:00").build();
    return Generators.inputs().randomProgress(30).gen().flatMap(in -> Gen.ints(0, 24 * 14)
        .flatMap(hours -> Gen.ints(0, 59).flatMap(minutes -> Gen.booleans().map(own -> {
          Duration shift = Duration.ofHours(hours).plusMinutes(minutes);
          CallEvent e = shifted(in.event(), shift);
          Map<Long, WorkingHours> employees = own && !in.settings().employees().isEmpty()
              ? Map.of(in.settings().employees().get(0).amoUserId(), late) : Map.of();
          IntegrationSettings s = IntegrationSettings.builder().from(in.settings())
              .workingHours(new Schedules(office, employees))
              .matrix(hours % 2 == 0 ? in.settings().matrix()
                  : MatrixPresets.withNightQueue(in.settings().matrix()))
              .build();
          return new DecisionInput(s, e, in.view(), in.progress());
        }))));
  }

  private static CallEvent shifted(CallEvent e, Duration by) {
    CallEvent.Builder b = CallEvent.builder().from(e).startedAt(e.startedAt().plus(by));
    e.answeredAt().ifPresent(t -> b.answeredAt(t.plus(by)));
    e.endedAt().ifPresent(t -> b.endedAt(t.plus(by)));
    return b.build();
  }

  @TestFactory
  Stream<DynamicTest> linesAndHours() {
    return Stream.of(
        Property.forAll(onLine(IGNORED))
            .test("R-FILTER a call on an ignored tracking line or trunk never plans a write, and"
                + " needs no lookup", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects()).isEmpty();
              assertThat(plan.noAction()).contains(NoAction.IGNORED_LINE);
              assertThat(plan.explanation()).anyMatch(l -> l.startsWith("Tracking line 'support'"));
              assertThat(Decider.matrix().needsLookup(in.event(), in.settings(), in.progress()))
                  .isFalse();
            }),
        Property.forAll(onLine(SUPPORT))
            .test("R-FILTER a support line decided by UPDATE_ONLY never plans a creation or a"
                + " task", in -> {
              Plan plan = in.decide();
              assertThat(plan.effects()).noneMatch(e -> e instanceof Effect.CreateContact
                  || e instanceof Effect.CreateDeal || e instanceof Effect.CreateUnsorted);
              assertThat(plan.effects()).allMatch(e -> e instanceof Effect.RecordCall
                  || e instanceof Effect.UpdateFields || e instanceof Effect.NotifyIncomingCall
                  || e instanceof Effect.CreateTask t && t.assigneeUserId()
                      == in.settings().seniorManagerUserId());
            }),
        Property.forAll(withHours())
            .test("R-HOURS every task is due inside its assignee's working time (or at an"
                + " interval's end), never before the call", in -> {
              Plan plan = in.decide();
              Schedules hours = in.settings().schedules().orElseThrow();
              for (Effect.CreateTask t : plan.effects(Effect.CreateTask.class)) {
                WorkingHours h = hours.forUser(t.assigneeUserId());
                assertThat(h.isOpen(t.deadline()) || h.isOpen(t.deadline().minusNanos(1)))
                    .as("due %s for user %d", t.deadline(), t.assigneeUserId()).isTrue();
                assertThat(t.deadline()).isAfter(in.event().occurredAt());
              }
            }),
        Property.forAll(withHours())
            .test("R-HOURS a call's phases decide with the same cell: the scenario's cell is"
                + " chosen by the call's start", in -> {
              Plan plan = in.decide();
              boolean outside = !in.settings().schedules().orElseThrow().account()
                  .isOpen(in.event().startedAt());
              assertThat(plan.explanation().stream().anyMatch(l -> l.contains(
                  "outside working hours"))).isEqualTo(outside && plan.scenario().isPresent()
                  && plan.explanation().stream().anyMatch(l -> l.startsWith("Matrix ")));
            }));
  }
}
