package io.ringostat.amo.core.model;

import static io.ringostat.amo.core.testing.ExampleWorld.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the CRM holds for a phone, and which entities the SDK works with (R-CLASS). */
class CrmViewTest {
  private static final Instant T = Instant.parse("2024-05-01T10:00:00Z");

  private static CrmContact contact(long id, Optional<Instant> updated) {
    return new CrmContact(id, "C" + id, Optional.of(5001L), List.of(), Optional.empty(), updated);
  }

  private static CrmDeal deal(long id, long status, long contact, Optional<Instant> updated) {
    return new CrmDeal(id, "D" + id, 1, status, Optional.of(5001L), Optional.of(contact), updated);
  }

  @Test
  @DisplayName("R-CLASS a deal is open unless won (142) or lost (143)")
  void openDeals() {
    assertThat(deal(1, 33831001, 1, Optional.empty()).isOpen()).isTrue();
    assertThat(deal(1, CrmDeal.WON, 1, Optional.empty()).isOpen()).isFalse();
    assertThat(deal(1, CrmDeal.LOST, 1, Optional.empty()).isOpen()).isFalse();
  }

  @Test
  @DisplayName("R-CLASS existing: a contact, an open deal or a pending unsorted request; closed"
      + " deals alone are not")
  void existing() {
    assertThat(CrmView.empty(CLIENT).isExisting()).isFalse();
    assertThat(new CrmView(CLIENT, List.of(), List.of(deal(1, CrmDeal.WON, 9, Optional.empty())),
        List.of(), List.of()).isExisting()).isFalse();
    assertThat(new CrmView(CLIENT, List.of(), List.of(deal(1, 5, 9, Optional.empty())),
        List.of(), List.of()).isExisting()).isTrue();
    assertThat(new CrmView(CLIENT, List.of(contact(1, Optional.empty())), List.of(), List.of(),
        List.of()).isExisting()).isTrue();
    assertThat(new CrmView(CLIENT, List.of(), List.of(), List.of(), List.of(new CrmUnsorted("u",
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty()))).isExisting()).isTrue();
  }

  @Test
  @DisplayName("R-CLASS of several contacts, the one with an open deal wins, then the most"
      + " recently updated, then the lowest id")
  void primaryContact() {
    CrmContact old = contact(3, Optional.of(T.minusSeconds(60)));
    CrmContact recent = contact(2, Optional.of(T));
    CrmContact never = contact(1, Optional.empty());
    assertThat(new CrmView(CLIENT, List.of(old, recent, never), List.of(), List.of(), List.of())
        .primaryContact()).contains(recent);
    assertThat(new CrmView(CLIENT, List.of(old, recent, never),
        List.of(deal(7, 5, 3, Optional.empty())), List.of(), List.of()).primaryContact())
        .contains(old);
    CrmContact twin = contact(0, Optional.of(T));
    assertThat(new CrmView(CLIENT, List.of(recent, twin), List.of(), List.of(), List.of())
        .primaryContact()).contains(twin);
  }

  @Test
  @DisplayName("R-CLASS open deals: the primary contact's first, then the most recently updated;"
      + " closed ones never")
  void primaryOpenDeal() {
    CrmContact a = contact(1, Optional.of(T));
    CrmContact b = contact(2, Optional.of(T.minusSeconds(60)));
    CrmDeal ofB = deal(10, 5, 2, Optional.of(T));
    CrmDeal ofA = deal(11, 5, 1, Optional.of(T.minusSeconds(3600)));
    CrmDeal ofANewer = deal(12, 5, 1, Optional.of(T.minusSeconds(60)));
    CrmDeal closed = deal(13, CrmDeal.WON, 1, Optional.of(T));
    CrmView v = new CrmView(CLIENT, List.of(a, b), List.of(ofB, ofA, ofANewer, closed), List.of(),
        List.of());
    assertThat(v.primaryContact()).contains(a);
    assertThat(v.openDeals()).containsExactly(ofANewer, ofA, ofB);
    assertThat(v.primaryOpenDeal()).contains(ofANewer);
  }

  @Test
  @DisplayName("R-UNS the oldest pending unsorted request is the one worked on")
  void pendingUnsorted() {
    CrmUnsorted newer = new CrmUnsorted("b", Optional.empty(), Optional.of(2L), Optional.empty(),
        Optional.empty(), Optional.of(T));
    CrmUnsorted older = new CrmUnsorted("a", Optional.empty(), Optional.of(1L), Optional.empty(),
        Optional.empty(), Optional.of(T.minusSeconds(60)));
    assertThat(new CrmView(CLIENT, List.of(), List.of(), List.of(), List.of(newer, older))
        .pendingUnsorted()).contains(older);
  }
}
