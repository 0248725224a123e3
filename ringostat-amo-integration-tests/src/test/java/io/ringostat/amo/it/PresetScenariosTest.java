package io.ringostat.amo.it;

import static io.ringostat.amo.it.support.Fixtures.ADS;
import static io.ringostat.amo.it.support.Fixtures.ADS_NEW;
import static io.ringostat.amo.it.support.Fixtures.ANDRIY;
import static io.ringostat.amo.it.support.Fixtures.MAKSYM;
import static io.ringostat.amo.it.support.Fixtures.OLENA;
import static io.ringostat.amo.it.support.Fixtures.SALES;
import static io.ringostat.amo.it.support.Fixtures.SALES_NEW;
import static io.ringostat.amo.it.support.Fixtures.SENIOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.it.support.Calls;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.it.support.RequestTable;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import io.ringostat.amo.testkit.StoredUnsorted;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every scenario of every preset, end to end: the engine with the OkHttp transport against the
 * amoCRM emulator. For each event the requests amoCRM received are compared with the rows of
 * {@code docs/requests.md}, and after each call the CRM is inspected: contacts of the phone,
 * deals with pipeline and responsible, call records by uniq on the right entity, tasks by
 * assignee, unsorted requests.
 */
class PresetScenariosTest {
  /** The client of {@code docs/requests.md}: stored in the CRM as "+380 44 123-45-67". */
  static final String PHONE = "+380 44 123 45 67";
  static final String STORED_PHONE = "+380 44 123-45-67";
  static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600);
  static final RequestTable TABLE = RequestTable.load();

  /** What the host reports of a call. */
  enum Host {
    /** RINGING (inbound), ANSWERED (when answered), ENDED. */
    ALL_PHASES,
    /** Only ENDED (R-IN-1). */
    ENDED_ONLY
  }

  static IntegrationSettings settings(DecisionMatrix matrix) {
    // The set-up of docs/requests.md: the incoming-call popup on; no update-only lookup retry.
    return Fixtures.demoBuilder().matrix(matrix).callPopup(true)
        .updateOnlyRetryDelay(Optional.empty()).build();
  }

  /** A running emulator + engine for one test; closes both. */
  static final class World implements AutoCloseable {
    final IntegrationSettings settings;
    final AmoEmulator amo;
    final Journal journal;
    final Outcomes outcomes = new Outcomes();
    final IntegrationEngine engine;

    World(IntegrationSettings settings, Consumer<AmoEmulator.Builder> seed, Journal journal) {
      this.settings = settings;
      AmoEmulator.Builder b = Fixtures.emulator(settings);
      seed.accept(b);
      this.amo = b.start();
      this.journal = journal;
      this.engine = Fixtures.engine(settings, Fixtures.gateway(amo, settings, amo.token()).build(),
          journal, outcomes).build();
      assertThat(engine.activate().isActive()).as("activation").isTrue();
      amo.resetRequestLog();
    }

    /** Handles {@code e} and returns its final result (waiting for a deferred one). */
    HandleResult handle(CallEvent e) {
      HandleResult r = engine.handle(e);
      if (r.status() == HandleResult.Status.DEFERRED) {
        r = outcomes.awaitFinal(r.seq(), Duration.ofSeconds(20));
      }
      return r;
    }

    List<String> requests() {
      return amo.requestLog().stream().map(RequestTable::describe).toList();
    }

    Optional<StoredContact> contact() {
      List<StoredContact> found = amo.contactsByPhone(PHONE);
      assertThat(found).as("contacts with the client's phone").hasSizeLessThanOrEqualTo(1);
      return found.stream().findFirst();
    }

    List<StoredDeal> deals() {
      return contact().map(c -> amo.dealsOfContact(c.id())).orElse(List.of());
    }

    /** Where the call's records are: "leads#id" / "contacts#id". */
    List<String> records(String callId) {
      return amo.notesByUniq(callId).stream().map(n -> n.entityType() + "#" + n.entityId())
          .sorted().toList();
    }

    @Override
    public void close() {
      engine.close();
      amo.close();
    }
  }

  static Consumer<AmoEmulator.Builder> existingClient(long responsible) {
    return b -> b.existingContact("Ivan Petrov", STORED_PHONE, responsible)
        .existingDeal(STORED_PHONE, SALES, SALES_NEW, responsible);
  }

  static Calls callOf(Scenario s, String callId) {
    Calls c = s.direction() == CallDirection.INBOUND ? Calls.inbound(callId, PHONE, T0)
        : Calls.outbound(callId, PHONE, T0).dialledFrom("olena");
    c = c.tracking(Tracking.builder().utmSource("google").build());
    return s.answered() ? c.by("olena") : c.missed(Disposition.NO_ANSWER);
  }

  static String label(CallEvent e, Host host, String suffix) {
    if (e.phase() == CallPhase.ENDED && host == Host.ENDED_ONLY && e.isAnswered()) {
      return "ENDED (only event)" + suffix;
    }
    return e.phase() + suffix;
  }

  static String describe(Scenario s) {
    return s.describe().replace(" call,", ",");
  }

  /**
   * Handles the events, comparing each event's requests with its docs/requests.md row: the
   * lookup requests (when {@link Decider#needsLookup} says the engine looks up; the engine
   * skips the search when the journal already knows the contact this call created) and the
   * execute requests, in order.
   */
  static List<HandleResult> runAndCompare(World w, String preset, Scenario s, Host host,
      List<CallEvent> events, String suffix) {
    List<HandleResult> results = new ArrayList<>();
    boolean lookedUp = false;
    for (CallEvent e : events) {
      boolean needs = Decider.matrix().needsLookup(e, w.settings, w.journal.progress(e.callId()));
      // An ENDED reuses its own call's earlier lookup (IntegrationEngine.Builder.lookupReuse).
      boolean lookup = needs && !(e.phase() == CallPhase.ENDED && lookedUp);
      lookedUp |= needs && e.phase() != CallPhase.ENDED;
      w.amo.resetRequestLog();
      HandleResult r = w.handle(e);
      results.add(r);
      String label = label(e, host, suffix);
      String what = preset + " / " + describe(s) + " / " + label + ": " + r;
      assertThat(r.isDelivered()).as(what).isTrue();
      RequestTable.Row row = TABLE.row(preset, describe(s), label)
          .orElseThrow(() -> new AssertionError("docs/requests.md has no row for " + what));
      List<String> lookupRequests = row.lookup();
      if (lookup && lookupRequests.isEmpty()) {
        // The row was measured with the call's earlier events, whose lookup the ENDED reused;
        // alone, it looks up as the call's RINGING does.
        lookupRequests = TABLE.row(preset, describe(s), "RINGING")
            .map(RequestTable.Row::lookup).orElse(List.of());
      }
      List<String> expected = new ArrayList<>(lookup ? lookupRequests : List.of());
      expected.addAll(row.execute());
      System.out.printf("%-11s | %-35s | %-28s | %s%s%n", preset, describe(s), label,
          w.requests(), lookup ? "" : needs ? "  (the call's earlier lookup reused)"
              : "  (no lookup: Decider.needsLookup is false)");
      assertThat(w.requests()).as("R-LIMITS requests of " + what).containsExactlyElementsOf(
          expected);
    }
    return results;
  }

  @TestFactory
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  @DisplayName("R-V1 R-V2 R-UNS R-CLASS R-LIMITS every scenario of every preset, ANSWERED+ENDED and"
      + " ENDED-only hosts: CRM state and requests per docs/requests.md")
  Stream<DynamicTest> everyScenarioOfEveryPreset() {
    List<DynamicTest> tests = new ArrayList<>();
    for (DecisionMatrix preset : MatrixPresets.ALL) {
      for (Scenario s : Scenario.values()) {
        for (Host host : Host.values()) {
          if (host == Host.ENDED_ONLY && !s.answered() && s.direction() == CallDirection.OUTBOUND) {
            continue; // an outbound missed call is ENDED-only for both hosts
          }
          String name = preset.name() + " " + s + " " + host;
          tests.add(DynamicTest.dynamicTest(name, () -> scenario(preset, s, host)));
        }
      }
    }
    return tests.stream();
  }

  void scenario(DecisionMatrix preset, Scenario s, Host host) {
    String callId = "c-" + preset.name().toLowerCase(Locale.ROOT) + "-" + s.ordinal() + "-"
        + host.ordinal();
    try (World w = new World(settings(preset),
        s.existingClient() ? existingClient(ANDRIY) : b -> { }, new InMemoryJournal())) {
      Optional<StoredContact> seededContact = w.contact();
      Optional<StoredDeal> seededDeal = w.deals().stream().findFirst();
      Calls call = callOf(s, callId);
      List<CallEvent> events = host == Host.ALL_PHASES
          ? call.allPhases(s.direction() == CallDirection.INBOUND) : List.of(call.ended());
      runAndCompare(w, preset.name(), s, host, events, "");
      assertThat(w.journal.counts().pending()).isZero();
      assertCrm(w, preset, s, callId, seededContact, seededDeal);
    }
  }

  /** The CRM after one call of {@code s} (docs/matrix.md). */
  static void assertCrm(World w, DecisionMatrix preset, Scenario s, String callId,
      Optional<StoredContact> seededContact, Optional<StoredDeal> seededDeal) {
    String name = preset.name() + " " + s;
    List<StoredTask> tasks = w.amo.tasks();
    if (s.existingClient()) {
      // Nothing is created for an existing client in any preset; the responsible stays.
      StoredContact c = w.contact().orElseThrow();
      assertThat(c.id()).as(name).isEqualTo(seededContact.orElseThrow().id());
      assertThat(c.responsibleUserId()).as(name + ": responsible unchanged").isEqualTo(ANDRIY);
      assertThat(w.deals()).as(name + ": no new deal").hasSize(1);
      StoredDeal deal = w.deals().get(0);
      assertThat(deal.responsibleUserId()).isEqualTo(ANDRIY);
      assertThat(w.records(callId)).as(name + ": one record on the open deal")
          .containsExactly("leads#" + seededDeal.orElseThrow().id());
      StoredNote note = w.amo.notesByUniq(callId).get(0);
      assertThat(note.noteType()).isEqualTo(s.direction() == CallDirection.INBOUND ? "call_in"
          : "call_out");
      if (s.answered()) {
        // R-V1: answered by Olena, who is not the responsible (Andriy): the record names her.
        assertThat(note.param("call_result").orElse("")).as(name + ": who answered")
            .contains("Olena");
      }
      boolean missedInbound = !s.answered() && s.direction() == CallDirection.INBOUND;
      if (preset == MatrixPresets.UPDATE_ONLY) {
        assertThat(tasks).as(name).isEmpty();
        // R-V2: the tracking data goes into the existing deal.
        assertThat(deal.fieldValue("UTM_SOURCE")).as(name + ": tracking written")
            .contains("google");
        // the settings' static tags are for new deals; R-V2 writes the call's tracking data only
        assertThat(deal.tags()).doesNotContain("ringostat");
      } else if (missedInbound) {
        assertThat(tasks).as(name + ": a call-back task for the responsible").singleElement()
            .satisfies(t -> assertThat(t.responsibleUserId()).isEqualTo(ANDRIY));
      } else {
        assertThat(tasks).as(name).isEmpty();
      }
      assertThat(w.amo.unsorted()).isEmpty();
      return;
    }
    // A new client.
    if (preset == MatrixPresets.UPDATE_ONLY || (!s.answered()
        && s.direction() == CallDirection.OUTBOUND)
        || (preset == MatrixPresets.UNSORTED && s.direction() == CallDirection.OUTBOUND)) {
      assertThat(w.amo.contacts()).as(name + ": nothing created").isEmpty();
      assertThat(w.amo.deals()).as(name).isEmpty();
      assertThat(w.amo.notes()).as(name).isEmpty();
      assertThat(tasks).as(name).isEmpty();
      assertThat(w.amo.unsorted()).as(name).isEmpty();
      return;
    }
    if (preset == MatrixPresets.UNSORTED) {
      StoredUnsorted u = w.amo.unsorted().stream().filter(x -> x.uniq().equals(Optional.of(callId)))
          .collect(onlyOne(name + ": one unsorted request"));
      assertThat(u.state()).isEqualTo(StoredUnsorted.State.PENDING);
      assertThat(u.pipelineId()).isEqualTo(SALES);
      assertThat(w.amo.deal(u.leadId()).orElseThrow().responsibleUserId())
          .as(name + ": assigned to the senior manager").isEqualTo(SENIOR);
      if (s.answered()) {
        assertThat(w.records(callId)).as(name + ": record on the request's lead")
            .containsExactly("leads#" + u.leadId());
        assertThat(tasks).isEmpty();
      } else {
        assertThat(w.records(callId)).isEmpty();
        assertThat(tasks).as(name + ": a task for the senior manager").singleElement()
            .satisfies(t -> assertThat(t.responsibleUserId()).isEqualTo(SENIOR));
      }
      return;
    }
    // RECOMMENDED, new client.
    StoredContact c = w.contact().orElseThrow(() -> new AssertionError(name + ": no contact"));
    long responsible = s.answered() ? OLENA : SENIOR;
    assertThat(c.responsibleUserId()).as(name + ": contact's responsible").isEqualTo(responsible);
    if (s.direction() == CallDirection.OUTBOUND) {
      assertThat(w.deals()).as(name + ": a contact only").isEmpty();
      assertThat(w.records(callId)).containsExactly("contacts#" + c.id());
      assertThat(tasks).isEmpty();
      return;
    }
    StoredDeal deal = w.deals().stream().collect(onlyOne(name + ": one deal"));
    assertThat(deal.responsibleUserId()).as(name + ": deal's responsible").isEqualTo(responsible);
    assertThat(deal.pipelineId()).isEqualTo(SALES);
    assertThat(deal.statusId()).isEqualTo(SALES_NEW);
    assertThat(deal.fieldValue("UTM_SOURCE")).as(name + ": R-FIELDS").contains("google");
    assertThat(deal.tags()).contains("ringostat");
    if (s.answered()) {
      assertThat(w.records(callId)).as(name + ": one record, on the deal (R-V1)")
          .containsExactly("leads#" + deal.id());
      assertThat(tasks).isEmpty();
    } else {
      assertThat(w.records(callId)).containsExactly("leads#" + deal.id());
      assertThat(tasks).as(name + ": a call-back task for the senior manager").singleElement()
          .satisfies(t -> assertThat(t.responsibleUserId()).isEqualTo(SENIOR));
    }
  }

  static <T> java.util.stream.Collector<T, ?, T> onlyOne(String what) {
    return java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(),
        l -> {
          assertThat(l).as(what).hasSize(1);
          return l.get(0);
        });
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @DisplayName("R-V1 a call answered on an unknown endpoint: a senior-manager task naming it,"
      + " everything assigned to the senior manager; requests per docs/requests.md")
  void unknownEndpoint(@TempDir Path dir) {
    try (World w = new World(settings(MatrixPresets.RECOMMENDED), b -> { },
        SqliteJournal.open(dir))) {
      Calls call = Calls.inbound("c-unknown-1", PHONE, T0).by("reception2");
      runAndCompare(w, "RECOMMENDED", Scenario.INBOUND_ANSWERED_NEW, Host.ALL_PHASES,
          List.of(call.answeredEvent(), call.ended()), " (unknown endpoint)");
      StoredContact c = w.contact().orElseThrow();
      assertThat(c.responsibleUserId()).isEqualTo(SENIOR);
      assertThat(w.deals()).singleElement()
          .satisfies(d -> assertThat(d.responsibleUserId()).isEqualTo(SENIOR));
      assertThat(w.amo.tasks()).singleElement().satisfies(t -> {
        assertThat(t.responsibleUserId()).isEqualTo(SENIOR);
        assertThat(t.text()).contains("reception2");
      });
      assertThat(w.records("c-unknown-1")).hasSize(1);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @DisplayName("R-PIPE R-FIELDS a call from the pool \"Context ads\" goes to its pipeline and stage;"
      + " UTM tags, roistat id and the pool tag are written into the new deal")
  void pipelineRuleAndTrackingFields() {
    try (World w = new World(settings(MatrixPresets.RECOMMENDED), b -> { },
        new InMemoryJournal())) {
      Tracking tracking = Tracking.builder().pool("Context ads").utmSource("google")
          .utmMedium("cpc").utmCampaign("spring").putExtra("roistat_visit_id", "123456").build();
      Calls call = Calls.inbound("c-ads-1", PHONE, T0).by("andriy").tracking(tracking);
      assertThat(w.handle(call.answeredEvent()).status())
          .isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.handle(call.ended()).status()).isEqualTo(HandleResult.Status.DELIVERED);
      StoredDeal deal = w.deals().get(0);
      assertThat(deal.pipelineId()).isEqualTo(ADS);
      assertThat(deal.statusId()).isEqualTo(ADS_NEW);
      assertThat(deal.responsibleUserId()).isEqualTo(ANDRIY);
      assertThat(deal.fieldValue("UTM_SOURCE")).contains("google");
      assertThat(deal.fieldValue("UTM_MEDIUM")).contains("cpc");
      assertThat(deal.fieldValue("UTM_CAMPAIGN")).contains("spring");
      assertThat(deal.fieldValue("ROISTAT")).contains("123456");
      assertThat(deal.tags()).contains("ringostat", "Context ads");
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @DisplayName("R-CLASS R-V1 a client with only closed deals: the record goes to the contact, no"
      + " new deal, no second contact")
  void clientWithOnlyClosedDeals() {
    try (World w = new World(settings(MatrixPresets.RECOMMENDED),
        b -> b.existingContact("Ivan Petrov", STORED_PHONE, MAKSYM)
            .existingDeal(STORED_PHONE, SALES, 142, MAKSYM)
            .existingDeal(STORED_PHONE, SALES, 143, MAKSYM), new InMemoryJournal())) {
      long contactId = w.contact().orElseThrow().id();
      Calls call = Calls.inbound("c-closed-1", PHONE, T0).by("olena");
      assertThat(w.handle(call.answeredEvent()).isDelivered()).isTrue();
      assertThat(w.handle(call.ended()).status()).isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.amo.contactsByPhone(PHONE)).hasSize(1);
      assertThat(w.deals()).hasSize(2).noneMatch(StoredDeal::isOpen);
      assertThat(w.records("c-closed-1")).containsExactly("contacts#" + contactId);
      assertThat(w.contact().orElseThrow().responsibleUserId()).isEqualTo(MAKSYM);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @DisplayName("R-V2 update-only: no target entity creates nothing and says so; with the retry"
      + " delay, an entity the other integration creates a moment later gets the record")
  void updateOnlyNoTargetEntity() {
    try (World w = new World(settings(MatrixPresets.UPDATE_ONLY), b -> { },
        new InMemoryJournal())) {
      HandleResult r = w.handle(Calls.inbound("c-u-1", PHONE, T0).by("olena").ended());
      assertThat(r.status()).isEqualTo(HandleResult.Status.NOTHING_TO_DO);
      assertThat(r.plan().orElseThrow().noAction()).hasValueSatisfying(
          a -> assertThat(a.name()).isEqualTo("NO_TARGET_ENTITY"));
      assertThat(w.amo.contacts()).isEmpty();
      assertThat(w.amo.deals()).isEmpty();
      assertThat(w.amo.notes()).isEmpty();
    }
    IntegrationSettings late = Fixtures.demoBuilder().matrix(MatrixPresets.UPDATE_ONLY)
        .updateOnlyRetryDelay(Duration.ofMillis(300)).build();
    try (World w = new World(late, b -> { }, new InMemoryJournal())) {
      HandleResult first = w.engine.handle(Calls.inbound("c-u-2", PHONE, T0).by("olena").ended());
      assertThat(first.status()).as("waits for the other integration")
          .isEqualTo(HandleResult.Status.DEFERRED);
      long contactId = w.amo.addContact("Created elsewhere", STORED_PHONE, ANDRIY);
      HandleResult done = w.outcomes.awaitFinal(first.seq(), Duration.ofSeconds(10));
      assertThat(done.status()).isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.records("c-u-2")).containsExactly("contacts#" + contactId);
      assertThat(w.amo.contacts()).hasSize(1);
      assertThat(w.amo.requestCount("GET", "/api/v4/contacts")).as("looked up twice")
          .isEqualTo(2);
    }
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  @DisplayName("R-UNS an unsorted request accepted by a manager, then a repeat call lands in the"
      + " accepted deal and contact; a repeated missed call gets a task for that manager")
  void unsortedAcceptedThenRepeatCall(@TempDir Path dir) {
    try (World w = new World(settings(MatrixPresets.UNSORTED), b -> { },
        SqliteJournal.open(dir))) {
      Calls first = Calls.inbound("c-uns-1", PHONE, T0).by("olena");
      assertThat(w.handle(first.answeredEvent()).status())
          .isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.handle(first.ended()).status()).isEqualTo(HandleResult.Status.DELIVERED);
      StoredUnsorted u = w.amo.unsorted().get(0);
      assertThat(u.uniq()).contains("c-uns-1");
      w.amo.acceptUnsorted(u.uid(), MAKSYM, null);
      StoredDeal lead = w.amo.deal(u.leadId()).orElseThrow();
      assertThat(lead.responsibleUserId()).isEqualTo(MAKSYM);
      assertThat(lead.isOpen()).isTrue();
      StoredContact contact = w.contact().orElseThrow();
      assertThat(contact.responsibleUserId()).isEqualTo(MAKSYM);

      Calls repeat = Calls.inbound("c-uns-2", PHONE, T0.plusSeconds(600)).by("andriy");
      assertThat(w.handle(repeat.ended()).status()).isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.records("c-uns-2")).containsExactly("leads#" + lead.id());
      Calls missed = Calls.inbound("c-uns-3", PHONE, T0.plusSeconds(1200))
          .missed(Disposition.BUSY);
      assertThat(w.handle(missed.ended()).status()).isEqualTo(HandleResult.Status.DELIVERED);
      assertThat(w.records("c-uns-3")).containsExactly("leads#" + lead.id());
      assertThat(w.amo.tasksByAssignee(MAKSYM)).hasSize(1);
      assertThat(w.amo.unsorted()).hasSize(1);
      assertThat(w.amo.contactsByPhone(PHONE)).hasSize(1);
      assertThat(w.engine.journalEntries(EntryState.DELIVERED, 10)).hasSize(4);
    }
  }
}
