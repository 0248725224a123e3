package io.ringostat.amo.core.routing;

import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** R-HOURS in smart routing: a responsible manager who is not working is skipped, with why. */
class RouterWorkingHoursTest {
  private static final ZoneId KYIV = ZoneId.of("Europe/Kyiv");
  private static final WorkingHours OFFICE =
      WorkingHours.builder(KYIV).weekdays("09:00-18:00").build();
  /** Anna works afternoons only. */
  private static final Schedules HOURS = new Schedules(OFFICE,
      Map.of(ANNA, WorkingHours.builder(KYIV).weekdays("14:00-20:00").build()));
  private static final EmployeeDirectory DIRECTORY =
      ExampleWorld.settings(MatrixPresets.RECOMMENDED).directory();
  private static final Instant TUESDAY_10 = Instant.parse("2026-12-01T08:00:00Z");
  private static final Instant TUESDAY_15 = Instant.parse("2026-12-01T13:00:00Z");

  /** Anna's contact with Bohdan's open deal. */
  private static final CrmView VIEW = new CrmView(ExampleWorld.CLIENT,
      List.of(new CrmContact(1, "Yuri", Optional.of(ANNA), List.of(2L), Optional.empty(),
          Optional.empty())),
      List.of(CrmDeal.of(2, 100, 200, BOHDAN, 1)), List.of(), List.of());

  private static RoutingDecision route(Instant at) {
    return Router.byResponsible(VIEW, List.of(RoutingTarget.CONTACT, RoutingTarget.DEAL),
        DIRECTORY, user -> true, Optional.of(HOURS), at);
  }

  @Test
  @DisplayName("R-HOURS R-ROUTE a responsible manager outside their hours is skipped, and the"
      + " reason says so")
  void skipsNotWorking() {
    RoutingDecision d = route(TUESDAY_10);
    assertThat(d.employee()).map(e -> e.amoUserId()).contains(BOHDAN);
    assertThat(d.reason()).contains("open deal #2")
        .contains("skipped contact #1: responsible Anna Kovalenko (user " + ANNA
            + ") is not working at Tue 01.12 10:00 Europe/Kyiv");
  }

  @Test
  @DisplayName("R-HOURS R-ROUTE in her hours the contact's responsible manager takes the call")
  void routesWhenWorking() {
    assertThat(route(TUESDAY_15).employee()).map(e -> e.amoUserId()).contains(ANNA);
  }

  @Test
  @DisplayName("R-HOURS R-ROUTE at night nobody works: fall through, RESPONSIBLE_NOT_WORKING")
  void nightFallsThrough() {
    RoutingDecision d = route(Instant.parse("2026-12-01T22:00:00Z"));
    assertThat(d.routes()).isFalse();
    assertThat(d.fallThrough()).contains(FallThroughReason.RESPONSIBLE_NOT_WORKING);
    assertThat(d.reason()).contains("not working");
  }

  @Test
  @DisplayName("R-ROUTE without working hours the old rule holds: the contact's manager")
  void withoutHours() {
    assertThat(Router.byResponsible(VIEW, List.of(RoutingTarget.CONTACT, RoutingTarget.DEAL),
        DIRECTORY, user -> true).employee()).map(e -> e.amoUserId()).contains(ANNA);
  }

  @Test
  @DisplayName("R-HOURS R-ROUTE LAST_TALKED: the last employee off work falls through, saying so")
  void lastTalkedNotWorking() {
    Optional<LastTalk> last = Optional.of(new LastTalk(ANNA, TUESDAY_10.minusSeconds(86_400)));
    RoutingDecision night = Router.byLastTalk(last, DIRECTORY, user -> true, Optional.of(HOURS),
        TUESDAY_10);
    assertThat(night.fallThrough()).contains(FallThroughReason.RESPONSIBLE_NOT_WORKING);
    assertThat(night.reason()).contains("Anna Kovalenko").contains("is not working at Tue 01.12"
        + " 10:00 Europe/Kyiv");
    assertThat(Router.byLastTalk(last, DIRECTORY, user -> true, Optional.of(HOURS), TUESDAY_15)
        .employee()).map(e -> e.amoUserId()).contains(ANNA);
  }
}
