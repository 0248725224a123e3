package io.ringostat.amo.it;

import static io.ringostat.amo.it.support.Fixtures.SALES;
import static io.ringostat.amo.it.support.Fixtures.SALES_NEW;
import static io.ringostat.amo.it.support.Fixtures.SENIOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.asterisk.AmiCallSource;
import io.ringostat.amo.asterisk.AmiConfig;
import io.ringostat.amo.asterisk.AmiExtras;
import io.ringostat.amo.asterisk.FakeAmiServer;
import io.ringostat.amo.asterisk.FakeAmiServer.Session;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Outcomes;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.StoredContact;
import io.ringostat.amo.testkit.StoredDeal;
import io.ringostat.amo.testkit.StoredNote;
import io.ringostat.amo.testkit.StoredTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Asterisk to amoCRM end to end (R-SOURCES): a recorded AMI session (the asterisk module's test
 * resources {@code ami/*.txt}, written from Asterisk's documentation of each event) is replayed by
 * {@link FakeAmiServer}; {@link AmiCallSource} follows it and hands every {@link CallEvent} to
 * {@code engine::handleAsync}, exactly as the adapter's README wires it; the engine with the
 * RECOMMENDED matrix and the OkHttp transport works on the amoCRM emulator; the test then reads
 * the emulated CRM: contacts, deals, call records with author, duration, status and link, tasks.
 *
 * <p>The demo account ({@link Fixtures#demo()}) plus the PBX's two employees: Ivan ({@code
 * PJSIP/ivan}) and Petr ({@code PJSIP/petr}). Event times are Asterisk's ({@code Timestamp}
 * headers, 2024-06-10 09:00 UTC onwards); the adapter's and the engine's clocks stand at 09:10.
 */
@Timeout(60)
class AmiEndToEndTest {
  static final long IVAN = 504150;
  static final long PETR = 504151;
  static final String USER = "amo";
  static final String SECRET = "s3cr3t-Pa55";
  static final Instant T0 = Instant.parse("2024-06-10T09:00:00Z");
  static final Instant NOW = Instant.parse("2024-06-10T09:10:00Z");
  static final String CLIENT = "+380671234567"; // CallerIDNum 0671234567 in Ukraine

  private final List<CallEvent> events = new CopyOnWriteArrayList<>();
  private final List<CompletableFuture<HandleResult>> handled = new CopyOnWriteArrayList<>();
  private final Outcomes outcomes = new Outcomes();
  private final InMemoryJournal journal = new InMemoryJournal();
  private AmoEmulator amo;
  private IntegrationEngine engine;
  private FakeAmiServer pbx;
  private AmiCallSource source;

  @AfterEach
  void close() throws Exception {
    if (source != null) {
      source.close();
    }
    if (pbx != null) {
      pbx.close();
    }
    if (engine != null) {
      engine.close();
    }
    if (amo != null) {
      amo.close();
    }
  }

  static IntegrationSettings settings() {
    // The recorded busy call comes from +380501112233, which the demo gives Olena as her mobile:
    // the engine would rightly ignore it as an internal call (R-FILTER). Here no employee has a
    // phone besides the PBX's endpoints.
    List<Employee> staff = Fixtures.demo().employees().stream()
        .map(e -> Employee.builder().from(e).phones(List.of()).build()).toList();
    return Fixtures.demoBuilder().employees(staff)
        .addEmployee(Employee.builder().code("110").name("Ivan Franko").addSipLogin("ivan")
            .amoUserId(IVAN).build())
        .addEmployee(Employee.builder().code("111").name("Petr Petrenko").addSipLogin("petr")
            .amoUserId(PETR).build())
        .build();
  }

  /** Starts the emulator (seeded by {@code seed}) and an activated engine on it. */
  void crm(Consumer<AmoEmulator.Builder> seed) {
    IntegrationSettings settings = settings();
    AmoEmulator.Builder b = Fixtures.emulator(settings);
    seed.accept(b);
    amo = b.start();
    engine = Fixtures.engine(settings, Fixtures.gateway(amo, settings, amo.token()).build(),
        journal, outcomes).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    assertThat(engine.activate().isActive()).as("activation").isTrue();
  }

  /**
   * Replays {@code sessions} (one per connection) into the engine; waits for {@code expected}
   * events and for the final outcome of each; returns the events in the order the adapter made
   * them.
   */
  List<CallEvent> replay(int expected, Session... sessions) throws Exception {
    pbx = new FakeAmiServer(USER, SECRET, sessions);
    AmiConfig config = AmiConfig.builder().host("127.0.0.1").port(pbx.port()).username(USER)
        .secret(SECRET)
        .trunkContexts(java.util.Set.of("from-trunk")).internalContexts(
            java.util.Set.of("from-internal"))
        .recordingUrl(f -> "https://pbx.example.com/rec/" + f.substring(f.lastIndexOf('/') + 1))
        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .sleeper(d -> Thread.sleep(5))
        .backoff(Duration.ofMillis(100), Duration.ofSeconds(1)).random(() -> 0.0)
        .closeTimeout(Duration.ofSeconds(2))
        .build();
    source = AmiCallSource.create(config, e -> {
      events.add(e);
      handled.add(engine.handleAsync(e));
    });
    source.start().get(5, TimeUnit.SECONDS);
    Outcomes.await(expected + " call events from the AMI session", Duration.ofSeconds(10),
        () -> events.size() >= expected);
    Thread.sleep(200); // a wrong extra event would arrive within this
    assertThat(events).as("events from the AMI session").hasSize(expected);
    for (int i = 0; i < handled.size(); i++) {
      HandleResult r = handled.get(i).get(20, TimeUnit.SECONDS);
      if (r.status() == HandleResult.Status.DEFERRED) {
        r = outcomes.awaitFinal(r.seq(), Duration.ofSeconds(20));
      }
      assertThat(r.isDelivered()).as(events.get(i).phase() + " of " + r.callId() + ": " + r)
          .isTrue();
    }
    return new ArrayList<>(events);
  }

  static Instant t(double seconds) {
    return T0.plusNanos(Math.round(seconds * 1_000_000_000L));
  }

  StoredContact onlyContact(String phone) {
    List<StoredContact> found = amo.contactsByPhone(phone);
    assertThat(found).as("contacts with " + phone).hasSize(1);
    return found.get(0);
  }

  StoredNote onlyRecord(String callId) {
    List<StoredNote> notes = amo.notesByUniq(callId);
    assertThat(notes).as("call records of " + callId).hasSize(1);
    return notes.get(0);
  }

  static void assertPhases(List<CallEvent> got, String callId, CallPhase... phases) {
    assertThat(got).extracting(CallEvent::callId).containsOnly(callId);
    assertThat(got).extracting(CallEvent::phase).containsExactly(phases);
  }

  @Test
  @DisplayName("R-SOURCES inbound answered by PJSIP/ivan: a contact and a deal for Ivan, a 60 s"
      + " call record")
  void inboundAnswered() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(3, Session.replay("inbound-answered.txt"));

    String id = "1718010000.1";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    CallEvent ended = got.get(2);
    assertThat(ended.direction()).isEqualTo(CallDirection.INBOUND);
    assertThat(ended.disposition()).contains(Disposition.ANSWERED);
    assertThat(ended.employeeEndpoint()).contains("ivan");
    assertThat(ended.answeredAt()).contains(t(6.25));
    assertThat(ended.endedAt()).contains(t(66.25));

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).isEqualTo(IVAN);
    StoredDeal deal = amo.dealsOfContact(contact.id()).get(0);
    assertThat(amo.dealsOfContact(contact.id())).hasSize(1);
    assertThat(deal.responsibleUserId()).isEqualTo(IVAN);
    assertThat(deal.pipelineId()).isEqualTo(SALES);
    StoredNote note = onlyRecord(id);
    assertThat(note.noteType()).isEqualTo("call_in");
    assertThat(note.entityType() + "#" + note.entityId()).isEqualTo("leads#" + deal.id());
    assertThat(note.responsibleUserId()).isEqualTo(IVAN);
    assertThat(note.param("duration")).contains("60");
    assertThat(note.param("call_status")).contains("4");
    assertThat(note.param("phone")).contains(CLIENT);
    assertThat(amo.tasks()).isEmpty();
  }

  @Test
  @DisplayName("inbound missed: a contact and a deal for the senior manager, a call-back task")
  void inboundMissed() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(2, Session.replay("inbound-missed.txt"));

    String id = "1718010000.11";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ENDED);
    assertThat(got.get(1).disposition()).contains(Disposition.NO_ANSWER);
    assertThat(got.get(1).employeeEndpoint()).isEmpty();

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).isEqualTo(SENIOR);
    StoredDeal deal = amo.dealsOfContact(contact.id()).get(0);
    assertThat(deal.responsibleUserId()).isEqualTo(SENIOR);
    StoredNote note = onlyRecord(id);
    assertThat(note.entityType() + "#" + note.entityId()).isEqualTo("leads#" + deal.id());
    assertThat(note.param("call_status")).contains("6");
    assertThat(note.param("duration")).contains("0");
    StoredTask task = onlyTask();
    assertThat(task.responsibleUserId()).isEqualTo(SENIOR);
    assertThat(task.text()).as("the account's language is Ukrainian")
        .isEqualTo("Пропущений дзвінок з номера " + CLIENT + ": передзвоніть клієнту");
    assertThat(task.entityType()).contains("leads");
    assertThat(task.entityId()).contains(deal.id());
  }

  @Test
  @DisplayName("inbound busy: recorded as busy on the new deal, a call-back task")
  void inboundBusy() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(2, Session.replay("inbound-busy.txt"));

    String id = "1718010000.21";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ENDED);
    assertThat(got.get(1).disposition()).contains(Disposition.BUSY);

    StoredContact contact = onlyContact("+380501112233");
    StoredDeal deal = amo.dealsOfContact(contact.id()).get(0);
    StoredNote note = onlyRecord(id);
    assertThat(note.entityType() + "#" + note.entityId()).isEqualTo("leads#" + deal.id());
    assertThat(note.param("call_status")).contains("7");
    assertThat(onlyTask().responsibleUserId()).isEqualTo(SENIOR);
  }

  @Test
  @DisplayName("outbound answered: Ivan dialled a new number; a contact for Ivan, a 30 s call_out")
  void outboundAnswered() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(3, Session.replay("outbound-answered.txt"));

    String id = "1718010000.31";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got).extracting(CallEvent::direction).containsOnly(CallDirection.OUTBOUND);

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).isEqualTo(IVAN);
    assertThat(amo.dealsOfContact(contact.id())).isEmpty();
    StoredNote note = onlyRecord(id);
    assertThat(note.noteType()).isEqualTo("call_out");
    assertThat(note.entityType() + "#" + note.entityId()).isEqualTo("contacts#" + contact.id());
    assertThat(note.responsibleUserId()).isEqualTo(IVAN);
    assertThat(note.param("duration")).contains("30");
    assertThat(amo.tasks()).isEmpty();
  }

  @Test
  @DisplayName("queue rings Ivan and Petr, Ivan answers: everything is Ivan's, 88 s talked")
  void queueTwoAgents() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(3, Session.replay("queue-two-agents.txt"));

    String id = "1718010000.41";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got.get(2).tracking().extra()).containsEntry(AmiExtras.QUEUE, "support");

    StoredContact contact = onlyContact("+380931234567");
    assertThat(contact.responsibleUserId()).isEqualTo(IVAN);
    assertThat(amo.dealsOfContact(contact.id())).singleElement()
        .extracting(StoredDeal::responsibleUserId).isEqualTo(IVAN);
    StoredNote note = onlyRecord(id);
    assertThat(note.responsibleUserId()).isEqualTo(IVAN);
    assertThat(note.param("duration")).contains("88");
    assertThat(amo.tasks()).isEmpty();
  }

  @Test
  @DisplayName("R-SOURCES R-LIFE attended transfer Ivan -> Petr: one record, Ivan's, for the"
      + " whole 120 s; two legs")
  void attendedTransfer() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(3, Session.replay("attended-transfer.txt"));

    String id = "1718010000.51";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got.get(2).tracking().extra()).containsEntry(AmiExtras.TRANSFER, "attended")
        .containsEntry("ami_legs", "2").containsEntry("ami_leg_2_endpoint", "petr")
        .containsEntry("ami_leg_2_seconds", "80");

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).isEqualTo(IVAN);
    StoredNote note = onlyRecord(id);
    assertThat(note.responsibleUserId()).isEqualTo(IVAN);
    assertThat(note.param("duration")).contains("120");
    assertThat(amo.notes()).filteredOn(n -> n.noteType().startsWith("call_")).hasSize(1);
  }

  @Test
  @DisplayName("blind transfer Ivan -> Petr: one record, Ivan's, for the whole 92 s; two legs")
  void blindTransfer() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(3, Session.replay("blind-transfer.txt"));

    String id = "1718010000.61";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got.get(2).tracking().extra()).containsEntry(AmiExtras.TRANSFER, "blind")
        .containsEntry("ami_leg_2_endpoint", "petr").containsEntry("ami_leg_2_seconds", "60");

    StoredNote note = onlyRecord(id);
    assertThat(note.responsibleUserId()).isEqualTo(IVAN);
    assertThat(note.param("duration")).contains("92");
    assertThat(amo.notes()).filteredOn(n -> n.noteType().startsWith("call_")).hasSize(1);
  }

  @Test
  @DisplayName("a recorded call of a known client: the record on Petr's open deal, with the link")
  void recordingOfAnExistingClient() throws Exception {
    crm(b -> b.existingContact("Taras Melnyk", "+380 67 123-45-67", PETR)
        .existingDeal("+380 67 123-45-67", SALES, SALES_NEW, PETR));
    List<CallEvent> got = replay(3, Session.replay("recording.txt"));

    String id = "1718010000.71";
    String link = "https://pbx.example.com/rec/"
        + "in-380441234500-0671234567-20240610-090000-1718010000.71.wav";
    assertPhases(got, id, CallPhase.RINGING, CallPhase.ANSWERED, CallPhase.ENDED);
    assertThat(got.get(2).recordingUrl()).contains(link);

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).as("the client stays Petr's").isEqualTo(PETR);
    List<StoredDeal> deals = amo.dealsOfContact(contact.id());
    assertThat(deals).singleElement().extracting(StoredDeal::responsibleUserId).isEqualTo(PETR);
    StoredNote note = onlyRecord(id);
    assertThat(note.entityType() + "#" + note.entityId()).isEqualTo("leads#" + deals.get(0).id());
    assertThat(note.responsibleUserId()).as("the record names who answered").isEqualTo(IVAN);
    assertThat(note.param("link")).contains(link);
    assertThat(note.param("duration")).contains("30");
  }

  @Test
  @DisplayName("R-SOURCES the connection drops mid-call: the call is recorded from what was"
      + " known, marked incomplete in the journal; after the backoff a new call is followed")
  void droppedConnection() throws Exception {
    crm(b -> { });
    List<CallEvent> got = replay(6, Session.replay("dropped-part1.txt").thenDisconnect(),
        Session.replay("dropped-part2.txt"));

    String old = "1718010000.81";
    String fresh = "1718010000.91";
    assertThat(got).extracting(e -> e.callId() + " " + e.phase()).containsExactly(
        old + " RINGING", old + " ANSWERED", old + " ENDED",
        fresh + " RINGING", fresh + " ANSWERED", fresh + " ENDED");
    assertThat(pbx.connections()).isEqualTo(2);

    JournalEntry oldEnded = journal.entries(EntryState.DELIVERED, 100).stream()
        .filter(e -> e.callId().equals(old) && e.phase().equals(java.util.Optional.of(
            CallPhase.ENDED)))
        .findFirst().orElseThrow();
    assertThat(oldEnded.event().orElseThrow().tracking().extra())
        .containsEntry(AmiExtras.INCOMPLETE, AmiExtras.CONNECTION_LOST);
    assertThat(oldEnded.event().orElseThrow().endedAt()).contains(NOW);

    StoredContact contact = onlyContact(CLIENT);
    assertThat(contact.responsibleUserId()).isEqualTo(IVAN);
    StoredNote dropped = onlyRecord(old);
    assertThat(dropped.param("duration"))
        .contains(Long.toString(Duration.between(t(6.25), NOW).getSeconds()));
    StoredNote next = onlyRecord(fresh);
    assertThat(next.param("duration")).contains("23");
    assertThat(dropped.entityId()).as("the second call goes to the same open deal")
        .isEqualTo(next.entityId());
  }

  private StoredTask onlyTask() {
    List<StoredTask> tasks = amo.tasks();
    assertThat(tasks).as("tasks").hasSize(1);
    return tasks.get(0);
  }
}
