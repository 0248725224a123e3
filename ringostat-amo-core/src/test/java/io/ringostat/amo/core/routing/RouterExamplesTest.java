package io.ringostat.amo.core.routing;

import static io.ringostat.amo.core.testing.ExampleWorld.ANNA;
import static io.ringostat.amo.core.testing.ExampleWorld.ANNA_KOVALENKO;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN;
import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.testing.ExampleWorld;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R-ROUTE and R-CARD by example: the answer a PBX gets to "who takes this call?" — the employee's
 * destinations, or a fall-through with its reason — with a directory that knows nobody,
 * deactivated
 * managers, several contacts, the last talk, and the empty caller card of a CRM error.
 */
class RouterExamplesTest {
  private static final EmployeeDirectory DIRECTORY =
      ExampleWorld.settings(MatrixPresets.RECOMMENDED).directory();
  private static final EmployeeDirectory NOBODY =
      EmployeeDirectory.of(List.of(), PhoneNormalizer.forCountry("UA"));
  private static final Instant AT = Instant.parse("2026-12-01T08:00:00Z");

  private static CrmContact contact(long id, long responsible) {
    return new CrmContact(id, "Yuri", Optional.of(responsible), List.of(), Optional.empty(),
        Optional.empty());
  }

  @Test
  @DisplayName("R-ROUTE the contact's responsible manager takes the call on her SIP logins, then"
      + " her extension, then her phone")
  void routesToTheDestinationsInOrder() {
    CrmView view = new CrmView(CLIENT, List.of(contact(1, ANNA)), List.of(), List.of(), List.of());
    RoutingDecision d = Router.byResponsible(view, List.of(RoutingTarget.CONTACT), DIRECTORY,
        u -> true);
    assertThat(d.routes()).isTrue();
    assertThat(d.employee()).contains(ANNA_KOVALENKO);
    assertThat(d.destinations()).containsExactly("anna", "anna-mobile@other-pbx.example", "101",
        "+380 67 111 22 33");
    assertThat(d.entityKind()).contains(RoutingTarget.CONTACT);
    assertThat(d.entityId()).contains(1L);
    assertThat(d.reason()).isEqualTo("responsible for contact #1 (priority [CONTACT])");
    assertThat(d.fromCache()).isFalse();
  }

  @Test
  @DisplayName("R-ROUTE with a directory that knows no employee, a found contact falls through:"
      + " RESPONSIBLE_UNKNOWN, naming the user")
  void emptyDirectory() {
    CrmView view = new CrmView(CLIENT, List.of(contact(1, ANNA)), List.of(), List.of(), List.of());
    RoutingDecision d = Router.byResponsible(view, List.of(RoutingTarget.CONTACT), NOBODY,
        u -> true);
    assertThat(d.routes()).isFalse();
    assertThat(d.destinations()).isEmpty();
    assertThat(d.fallThrough()).contains(FallThroughReason.RESPONSIBLE_UNKNOWN);
    assertThat(d.reason()).isEqualTo("contact #1: responsible user 5001 is no employee");
  }

  @Test
  @DisplayName("R-ROUTE a deactivated primary contact's manager is skipped once, and the other"
      + " contact's manager takes the call; the reason names the skip")
  void secondContactAfterADeactivatedManager() {
    // contact #1 has the open deal, so it is the primary one
    CrmView view = new CrmView(CLIENT,
        List.of(contact(2, BOHDAN), new CrmContact(1, "Yuri", Optional.of(ANNA), List.of(9L),
            Optional.empty(), Optional.empty())),
        List.of(CrmDeal.of(9, 100, 200, ANNA, 1)), List.of(), List.of());
    RoutingDecision d = Router.byResponsible(view, List.of(RoutingTarget.CONTACT), DIRECTORY,
        u -> u != ANNA);
    assertThat(d.employee().map(e -> e.amoUserId())).contains(BOHDAN);
    assertThat(d.entityId()).contains(2L);
    assertThat(d.reason()).isEqualTo("responsible for contact #2 (priority [CONTACT]); skipped"
        + " contact #1: responsible user 5001 is deactivated");
  }

  @Test
  @DisplayName("R-ROUTE nothing open for the phone: NOT_FOUND")
  void nothingFound() {
    RoutingDecision d = Router.byResponsible(CrmView.empty(CLIENT),
        List.of(RoutingTarget.DEAL, RoutingTarget.CONTACT), DIRECTORY, u -> true);
    assertThat(d.fallThrough()).contains(FallThroughReason.NOT_FOUND);
    assertThat(d.reason()).isEqualTo("no open [DEAL, CONTACT] for this phone");
  }

  @Test
  @DisplayName("R-ROUTE LAST_TALKED: nobody talked yet → NOT_FOUND; the last talker routes when"
      + " known and active, else RESPONSIBLE_UNKNOWN")
  void lastTalk() {
    RoutingDecision none = Router.byLastTalk(Optional.empty(), DIRECTORY, u -> true);
    assertThat(none.fallThrough()).contains(FallThroughReason.NOT_FOUND);
    assertThat(none.reason()).isEqualTo("nobody has talked with this client yet");

    Optional<LastTalk> anna = Optional.of(new LastTalk(ANNA, AT));
    RoutingDecision routed = Router.byLastTalk(anna, DIRECTORY, u -> true);
    assertThat(routed.employee()).contains(ANNA_KOVALENKO);
    assertThat(routed.destinations()).startsWith("anna").contains("101");
    assertThat(routed.reason()).isEqualTo("last talked with the client at " + AT);

    RoutingDecision inactive = Router.byLastTalk(anna, DIRECTORY, u -> u != ANNA);
    assertThat(inactive.fallThrough()).contains(FallThroughReason.RESPONSIBLE_UNKNOWN);
    assertThat(inactive.reason()).isEqualTo(
        "the last employee to talk with the client (user 5001) is unknown or inactive");
    assertThat(Router.byLastTalk(anna, NOBODY, u -> true).fallThrough())
        .contains(FallThroughReason.RESPONSIBLE_UNKNOWN);
  }

  @Test
  @DisplayName("R-ROUTE an answer from the routing cache is the same answer, marked as cached")
  void cachedAnswer() {
    RoutingDecision d = Router.byLastTalk(Optional.of(new LastTalk(ANNA, AT)), DIRECTORY,
        u -> true);
    RoutingDecision cached = d.cached();
    assertThat(cached.fromCache()).isTrue();
    assertThat(cached.employee()).isEqualTo(d.employee());
    assertThat(cached.destinations()).isEqualTo(d.destinations());
    assertThat(cached.reason()).isEqualTo(d.reason());
    RoutingDecision down = RoutingDecision.fallThrough(FallThroughReason.CRM_DOWN, "HTTP 503");
    assertThat(down.cached().fallThrough()).contains(FallThroughReason.CRM_DOWN);
    assertThat(down.cached().fromCache()).isTrue();
  }

  @Test
  @DisplayName("R-ROUTE a routing answer either routes to an employee or falls through, never both"
      + " or neither")
  void routesOrFallsThrough() {
    assertThatThrownBy(() -> new RoutingDecision(Optional.of(ANNA_KOVALENKO), List.of("anna"),
        Optional.empty(), Optional.empty(), Optional.of(FallThroughReason.CRM_DOWN), "x", false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RoutingDecision(Optional.empty(), List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), "x", false))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("R-CARD after a CRM error the caller card is empty and says why; a card with a"
      + " contact, an open deal or a company is not empty")
  void callerCards() {
    CallerCard error = CallerCard.empty("+380441234567", "amoCRM answered 503");
    assertThat(error.isEmpty()).isTrue();
    assertThat(error.phone()).isEqualTo("+380441234567");
    assertThat(error.emptyReason()).contains("amoCRM answered 503");
    assertThat(error.contact()).isEmpty();
    assertThat(error.responsible()).isEmpty();

    CallerCard.Entity yuri =
        new CallerCard.Entity(1, "Yuri", "https://acme.amocrm.ru/contacts/detail/1");
    CallerCard.Deal deal =
        new CallerCard.Deal(9, "Deal", "Sales", "New", "https://acme.amocrm.ru/leads/detail/9");
    assertThat(new CallerCard("+380441234567", Optional.of(yuri), Optional.empty(), List.of(),
        Optional.empty(), Optional.empty()).isEmpty()).isFalse();
    assertThat(new CallerCard("+380441234567", Optional.empty(), Optional.empty(),
        List.of(deal), Optional.empty(), Optional.empty()).isEmpty()).isFalse();
    assertThat(new CallerCard("+380441234567", Optional.empty(), Optional.empty(), List.of(),
        Optional.of(yuri), Optional.empty()).isEmpty()).isFalse();
  }
}
