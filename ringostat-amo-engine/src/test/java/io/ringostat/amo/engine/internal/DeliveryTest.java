package io.ringostat.amo.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.Decider;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.CrmException.Kind;
import io.ringostat.amo.core.testing.FakeCrm;
import io.ringostat.amo.engine.DoneEffect;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One journaled event through {@link Delivery}: what the journal, the host and amoCRM see for
 * each outcome (R-KEEP, R-ONCE): delivered, nothing to do, retried with back-off, failed, stopped,
 * paused, and the update-only second lookup (R-V2).
 */
class DeliveryTest {
  static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  static final long OLENA = 504141;
  static final long SENIOR = 504140;
  static final PhoneNumber CLIENT = new PhoneNumber("380441234567");
  static final Duration BASE = Duration.ofMillis(100);
  static final Duration MAX = Duration.ofSeconds(10);

  final FakeAmoCrm crm = new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("UTC"), OLENA, SENIOR));
  final InMemoryJournal journal = new InMemoryJournal();
  final FakeHost host = new FakeHost();
  double jitter = 0.0;

  static final class FakeHost implements Delivery.Host {
    /** Answers of {@link #active()} in turn; the last one repeats. */
    final List<Boolean> active = new ArrayList<>(List.of(true));
    final AtomicInteger asked = new AtomicInteger();
    final List<HandleResult> reports = new ArrayList<>();
    final List<Boolean> last = new ArrayList<>();
    final List<String> wrote = new ArrayList<>();
    CrmException stopped;

    @Override
    public boolean active() {
      int i = asked.getAndIncrement();
      return active.get(Math.min(i, active.size() - 1));
    }

    @Override
    public void stop(CrmException cause, JournalEntry entry, HandleResult result) {
      stopped = cause;
      reports.add(result);
      last.add(false);
    }

    @Override
    public void report(JournalEntry entry, HandleResult result, boolean isLast) {
      reports.add(result);
      last.add(isLast);
    }

    @Override
    public void wrote(String phoneDigits) {
      wrote.add(phoneDigits);
    }

    HandleResult lastReport() {
      return reports.get(reports.size() - 1);
    }
  }

  static IntegrationSettings settings(IntegrationSettings.Builder b) {
    return b.account(AmoAccount.builder().subdomain("demo").zone(AmoZone.AMOCRM_RU)
            .timeZone(ZoneId.of("UTC")).build())
        .addEmployee(Employee.builder().code("101").name("Olena").addSipLogin("olena")
            .amoUserId(OLENA).build())
        .seniorManagerUserId(SENIOR)
        .build();
  }

  static IntegrationSettings settings() {
    return settings(IntegrationSettings.builder());
  }

  Delivery delivery(IntegrationSettings s) {
    return new Delivery(s, crm, Decider.matrix(), journal, Clock.fixed(T0, ZoneOffset.UTC), host,
        BASE, MAX, Duration.ofDays(1), () -> jitter,
        io.ringostat.amo.engine.IntegrationEngine.Builder.DEFAULT_LOOKUP_REUSE,
        io.ringostat.amo.core.spi.RecordingLinks.passThrough());
  }

  static CallEvent answeredEnded(String callId) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.ANSWERED)
        .clientPhone("+380441234567").employeeEndpoint("olena").startedAt(T0)
        .answeredAt(T0.plusSeconds(5)).endedAt(T0.plusSeconds(65)).build();
  }

  static CallEvent missed(String callId) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.INBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("+380441234567").startedAt(T0).endedAt(T0.plusSeconds(20)).build();
  }

  static CallEvent ringing(String callId) {
    return CallEvent.builder().callId(callId).phase(CallPhase.RINGING)
        .direction(CallDirection.INBOUND).clientPhone("+380441234567").startedAt(T0).build();
  }

  JournalEntry append(CallEvent e) {
    return journal.append(e, CLIENT.digits(), T0).entry();
  }

  JournalEntry stored(JournalEntry e) {
    return journal.entry(e.seq()).orElseThrow();
  }

  @Test
  @DisplayName("R-V1 R-ONCE a missed call from a new number: delivered, journaled DELIVERED, each"
      + " done effect reported with links to what it made and what it used")
  void delivered() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(stored(e).state()).isEqualTo(EntryState.DELIVERED);
    HandleResult r = host.lastReport();
    assertThat(r.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(host.last).containsExactly(true);
    long contact = crm.crm(FakeCrm::contacts).get(0).id();
    long deal = crm.crm(FakeCrm::deals).get(0).id();
    String contactLink = "https://demo.amocrm.ru/contacts/detail/" + contact;
    String dealLink = "https://demo.amocrm.ru/leads/detail/" + deal;
    assertThat(r.effects()).extracting(DoneEffect::links).contains(List.of(contactLink),
        List.of(dealLink, contactLink));
    assertThat(r.effects()).anySatisfy(x -> assertThat(x.links()).containsExactly(dealLink));
    assertThat(r.message()).isEqualTo(r.effects().size() + " effect(s) done");
    assertThat(host.wrote).isNotEmpty().containsOnly(CLIENT.digits());
  }

  @Test
  @DisplayName("R-MATRIX a ringing call without popups: nothing to do, journaled DELIVERED with"
      + " the reason")
  void nothingToDo() {
    Delivery d = delivery(settings());
    JournalEntry e = append(ringing("c1"));

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(stored(e).state()).isEqualTo(EntryState.DELIVERED);
    assertThat(stored(e).note()).hasValueSatisfying(n -> assertThat(n).startsWith("nothing to do: "));
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.NOTHING_TO_DO);
    assertThat(crm.writes.get()).isZero();
  }

  @Test
  @DisplayName("R-KEEP an entry already finished is not delivered again")
  void finishedEntryIsDone() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));
    journal.finish(e.seq(), EntryState.DELIVERED, "done", T0);

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(crm.writes.get()).isZero();
    assertThat(host.reports).isEmpty();
  }

  @Test
  @DisplayName("R-KEEP an inactive integration pauses before touching the journal or amoCRM")
  void inactivePauses() {
    host.active.set(0, false);
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.PAUSE);

    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);
    assertThat(crm.lookups.get()).isZero();
    assertThat(host.reports).isEmpty();
  }

  @Test
  @DisplayName("R-KEEP stopped while looking up: nothing is sent, the entry stays pending")
  void stoppedDuringLookupSendsNothing() {
    host.active.clear();
    host.active.addAll(List.of(true, false));
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.PAUSE);

    assertThat(crm.writes.get()).isZero();
    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);
  }

  @Test
  @DisplayName("R-KEEP an entry whose event cannot be read fails with its note, final")
  void unreadableEntryFails() {
    JournalEntry e = append(missed("c1"));
    JournalEntry unreadable = new JournalEntry(e.seq(), "c1", Optional.empty(), CLIENT.digits(),
        T0, EntryState.PENDING, Optional.empty(), Optional.empty(), 0, Optional.of("bad json"),
        Optional.empty());
    // a journal that can no longer read the event it stored
    io.ringostat.amo.engine.journal.Journal broken =
        (io.ringostat.amo.engine.journal.Journal) java.lang.reflect.Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {io.ringostat.amo.engine.journal.Journal.class}, (proxy, m, args) -> {
              if (m.getName().equals("entry") && journal.entry(e.seq()).orElseThrow().state()
                  == EntryState.PENDING) {
                return Optional.of(unreadable);
              }
              try {
                return m.invoke(journal, args);
              } catch (java.lang.reflect.InvocationTargetException x) {
                throw x.getCause();
              }
            });
    Delivery d = new Delivery(settings(), crm, Decider.matrix(), broken,
        Clock.fixed(T0, ZoneOffset.UTC), host, BASE, MAX, Duration.ofDays(1), () -> jitter,
        io.ringostat.amo.engine.IntegrationEngine.Builder.DEFAULT_LOOKUP_REUSE,
        io.ringostat.amo.core.spi.RecordingLinks.passThrough());

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(stored(e).state()).isEqualTo(EntryState.FAILED);
    assertThat(stored(e).note()).contains("bad json");
    HandleResult r = host.lastReport();
    assertThat(r.status()).isEqualTo(HandleResult.Status.FAILED);
    assertThat(r.message()).isEqualTo("bad json");
    assertThat(r.errorKind()).contains(Kind.INVALID_RESPONSE);
    assertThat(host.last).containsExactly(true);
    assertThat(crm.lookups.get()).isZero();
  }

  @Test
  @DisplayName("R-KEEP a transient failure: the attempt is journaled and retried after the"
      + " back-off: base x 2^(attempt-1), capped, 75-100 % jitter")
  void transientFailureBacksOff() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));
    crm.failNext(new CrmException(Kind.TRANSIENT, "503"));

    OrderedDispatcher.Verdict v = d.process(e);

    assertThat(v).isEqualTo(new OrderedDispatcher.Verdict.Retry(Duration.ofMillis(75)));
    assertThat(stored(e).attempts()).isEqualTo(1);
    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);
    HandleResult r = host.lastReport();
    assertThat(r.status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(r.message()).isEqualTo("retrying in 75 ms after TRANSIENT: 503");
    assertThat(r.errorKind()).contains(Kind.TRANSIENT);
    assertThat(host.last).containsExactly(false);

    jitter = 1.0;
    crm.failNext(new CrmException(Kind.TRANSIENT, "503"));
    assertThat(d.process(stored(e))).isEqualTo(new OrderedDispatcher.Verdict.Retry(
        Duration.ofMillis(200)));
    jitter = 0.5;
    crm.failNext(new CrmException(Kind.TRANSIENT, "503"));
    assertThat(d.process(stored(e))).isEqualTo(new OrderedDispatcher.Verdict.Retry(
        Duration.ofMillis(350)));
    assertThat(stored(e).attempts()).isEqualTo(3);
    for (int i = 0; i < 10; i++) {
      crm.failNext(new CrmException(Kind.TRANSIENT, "503"));
      d.process(stored(e));
    }
    jitter = 1.0;
    crm.failNext(new CrmException(Kind.TRANSIENT, "503"));
    assertThat(d.process(stored(e))).as("capped").isEqualTo(new OrderedDispatcher.Verdict.Retry(
        MAX));

    assertThat(d.process(stored(e))).isEqualTo(OrderedDispatcher.Verdict.DONE);
    assertThat(stored(e).state()).isEqualTo(EntryState.DELIVERED);
  }

  @Test
  @DisplayName("R-KEEP an unreadable answer is retried a few times, then the event fails")
  void unreadableAnswersFailAfterAFewAttempts() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));
    for (int i = 1; i < Delivery.INVALID_RESPONSE_ATTEMPTS; i++) {
      crm.failNext(new CrmException(Kind.INVALID_RESPONSE, "not json"));
      assertThat(d.process(stored(e))).as("attempt %d", i)
          .isInstanceOf(OrderedDispatcher.Verdict.Retry.class);
    }
    assertThat(stored(e).attempts()).isEqualTo(Delivery.INVALID_RESPONSE_ATTEMPTS - 1);
    crm.failNext(new CrmException(Kind.INVALID_RESPONSE, "not json"));

    assertThat(d.process(stored(e))).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(stored(e).state()).isEqualTo(EntryState.FAILED);
    assertThat(stored(e).note()).contains("INVALID_RESPONSE: not json");
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.FAILED);
    assertThat(host.last.get(host.last.size() - 1)).isTrue();
  }

  @Test
  @DisplayName("R-KEEP a refused write fails the event at once, with what was done reported")
  void rejectedFailsAtOnce() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));
    crm.next(FakeAmoCrm.Fault.reject(java.util.Set.of()));

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(stored(e).state()).isEqualTo(EntryState.FAILED);
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.FAILED);
    assertThat(host.lastReport().errorKind()).contains(Kind.REJECTED);
    assertThat(host.lastReport().plan()).isPresent();
  }

  @Test
  @DisplayName("R-KEEP a revoked token stops the integration; the event stays pending")
  void authenticationStops() {
    Delivery d = delivery(settings());
    JournalEntry e = append(missed("c1"));
    crm.revokeToken();

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.PAUSE);

    assertThat(host.stopped.kind()).isEqualTo(Kind.AUTHENTICATION);
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);
    assertThat(stored(e).attempts()).isZero();
  }

  @Test
  @DisplayName("R-KEEP a bug in a port never loses the event: it is retried")
  void unexpectedExceptionRetries() {
    Delivery d = new Delivery(settings(), CreateProtocolTest.failingOnce(crm, "lookup",
        new IllegalStateException("a bug")), Decider.matrix(), journal,
        Clock.fixed(T0, ZoneOffset.UTC), host, BASE, MAX, Duration.ofDays(1), () -> jitter,
        io.ringostat.amo.engine.IntegrationEngine.Builder.DEFAULT_LOOKUP_REUSE,
        io.ringostat.amo.core.spi.RecordingLinks.passThrough());
    JournalEntry e = append(missed("c1"));

    OrderedDispatcher.Verdict v = d.process(e);

    assertThat(v).isEqualTo(new OrderedDispatcher.Verdict.Retry(Duration.ofMillis(75)));
    assertThat(stored(e).attempts()).isEqualTo(1);
    assertThat(host.lastReport().message())
        .isEqualTo("retrying after an unexpected IllegalStateException: a bug");
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);
  }

  @Test
  @DisplayName("R-ROUTE an answered call is remembered as the client's last talk; a missed one"
      + " is not")
  void answeredCallIsRememberedAsLastTalk() {
    Delivery d = delivery(settings());

    d.process(append(missed("c0")));
    assertThat(journal.lastTalk(CLIENT.digits())).isEmpty();
    d.process(append(answeredEnded("c1")));

    assertThat(journal.lastTalk(CLIENT.digits())).hasValueSatisfying(t -> {
      assertThat(t.amoUserId()).isEqualTo(OLENA);
    });
  }

  @Test
  @DisplayName("R-V2 update-only with no entity yet: one second lookup after the configured"
      + " delay, then nothing to do")
  void updateOnlyLooksUpOnceMore() {
    Delivery d = delivery(settings(IntegrationSettings.builder()
        .matrix(MatrixPresets.UPDATE_ONLY).updateOnlyRetryDelay(Duration.ofSeconds(3))));
    JournalEntry e = append(missed("c1"));

    assertThat(d.process(e)).isEqualTo(new OrderedDispatcher.Verdict.Retry(Duration.ofSeconds(3)));
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.DEFERRED);
    assertThat(stored(e).state()).isEqualTo(EntryState.PENDING);

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);
    assertThat(host.lastReport().status()).isEqualTo(HandleResult.Status.NOTHING_TO_DO);
    assertThat(crm.lookups.get()).isEqualTo(2);

    JournalEntry next = append(missed("c2"));
    assertThat(d.process(next)).isInstanceOf(OrderedDispatcher.Verdict.Retry.class);
    d.forgetLookupRetries();
    assertThat(d.process(next)).as("forgotten: looked up again after the delay")
        .isInstanceOf(OrderedDispatcher.Verdict.Retry.class);
  }

  @Test
  @DisplayName("R-V2 update-only: a contact that appears in time gets the call record")
  void updateOnlyRecordsOnTheContactThatAppeared() {
    Delivery d = delivery(settings(IntegrationSettings.builder()
        .matrix(MatrixPresets.UPDATE_ONLY).updateOnlyRetryDelay(Duration.ofSeconds(3))));
    JournalEntry e = append(missed("c1"));
    d.process(e);
    long contact = crm.addContact(CLIENT, OLENA);

    assertThat(d.process(e)).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(crm.records()).singleElement().satisfies(r -> {
      assertThat(r.entityType()).isEqualTo(EntityType.CONTACT);
      assertThat(r.entityId()).isEqualTo(contact);
    });
  }

  @Test
  @DisplayName("R-V1 R-ONCE ANSWERED then ENDED: ENDED finds the call's own contact and deal in"
      + " the journal though amoCRM's search lags")
  void endedUsesTheJournalsEntities() {
    Delivery d = delivery(settings());
    CallEvent ended = answeredEnded("c1");
    CallEvent answered = CallEvent.builder().from(ended).phase(CallPhase.ANSWERED)
        .disposition(Optional.empty()).endedAt(Optional.empty()).build();
    d.process(append(answered));
    crm.searchLags = true;

    assertThat(d.process(append(ended))).isEqualTo(OrderedDispatcher.Verdict.DONE);

    assertThat(crm.crm(FakeCrm::contacts)).hasSize(1);
    assertThat(crm.crm(FakeCrm::deals)).hasSize(1);
    long deal = crm.crm(FakeCrm::deals).get(0).id();
    assertThat(crm.records()).anySatisfy(r -> {
      assertThat(r.entityType()).isEqualTo(EntityType.DEAL);
      assertThat(r.entityId()).isEqualTo(deal);
    });
  }

  @Test
  @DisplayName("R-LIFE a second missed call finds the open call-back task in the journal and adds"
      + " none")
  void openCallbackTasksComeFromTheJournal() {
    Delivery d = delivery(settings());
    d.process(append(missed("c1")));
    int tasks = crm.tasks().size();
    assertThat(tasks).isPositive();

    d.process(append(missed("c2")));

    assertThat(crm.tasks()).hasSize(tasks);
  }
}
