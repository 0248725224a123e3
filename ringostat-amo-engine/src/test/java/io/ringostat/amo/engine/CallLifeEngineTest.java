package io.ringostat.amo.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.RecordingLinks;
import io.ringostat.amo.core.testing.FakeCrm;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Property;
import io.ringostat.amo.engine.journal.InMemoryJournal;
import io.ringostat.amo.engine.testing.FakeAmoCrm;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * R-LIFE through the engine: updates after the end edit the call's one record (one PATCH, no
 * lookup), an update before the ENDED is merged, exact repeats are duplicates, and a transfer's
 * legs are named on the record; then the same over generated call lives.
 */
class CallLifeEngineTest {
  static final long ANDRIY = 504142;
  static final String PHONE = "+380 44 123 45 67";
  static final Instant T0 = IntegrationEngineTest.T0;

  private FakeAmoCrm crm = newCrm();
  private IntegrationEngine engine;

  private static FakeAmoCrm newCrm() {
    return new FakeAmoCrm(FakeAmoCrm.catalog(ZoneId.of("Europe/Kyiv"),
        IntegrationEngineTest.OLENA, IntegrationEngineTest.SENIOR, ANDRIY));
  }

  static IntegrationSettings settings() {
    IntegrationSettings base = IntegrationEngineTest.settings(ZoneId.of("Europe/Kyiv"));
    return IntegrationSettings.builder().from(base)
        .addEmployee(Employee.builder().code("102").name("Andriy").addSipLogin("andriy")
            .amoUserId(ANDRIY).build())
        .build();
  }

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private IntegrationEngine start(RecordingLinks links) {
    engine = IntegrationEngine.builder().settings(settings()).amo(crm)
        .journal(new InMemoryJournal()).recordingLinks(links).build();
    assertThat(engine.activate().isActive()).isTrue();
    return engine;
  }

  static CallEvent ended(String callId) {
    return IntegrationEngineTest.ended(callId, PHONE, T0);
  }

  static CallEvent update(CallEvent ended, Optional<String> link, Optional<Instant> endedAt) {
    CallEvent.Builder b = CallEvent.builder().callId(ended.callId()).phase(CallPhase.UPDATED)
        .direction(ended.direction()).disposition(ended.disposition())
        .clientPhone(ended.clientPhone()).startedAt(ended.startedAt())
        .answeredAt(ended.answeredAt()).recordingUrl(link);
    endedAt.ifPresent(b::endedAt);
    return b.build();
  }

  private FakeCrm.CallRecord onlyRecord() {
    assertThat(crm.records()).hasSize(1);
    return crm.records().get(0);
  }

  @Test
  @DisplayName("R-LIFE a recording link five minutes after ENDED edits the record: one PATCH, no"
      + " lookup, no second record")
  void lateRecordingEditsTheRecord() {
    start(RecordingLinks.passThrough());
    CallEvent ended = ended("c1");
    engine.handle(ended);
    long lookups = crm.lookups.get();
    long writes = crm.writes.get();

    HandleResult r = engine.handle(update(ended, Optional.of("https://rec.example/c1.mp3"),
        Optional.empty()));

    assertThat(r.status()).isEqualTo(HandleResult.Status.DELIVERED);
    assertThat(crm.lookups.get()).as("no lookup").isEqualTo(lookups);
    assertThat(crm.writes.get()).as("one request").isEqualTo(writes + 1);
    assertThat(crm.noteEdits.get()).isEqualTo(1);
    assertThat(onlyRecord().recordingUrl()).contains("https://rec.example/c1.mp3");
    assertThat(onlyRecord().duration()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  @DisplayName("R-LIFE an exact repeat of an update is DUPLICATE; an UPDATED saying what ENDED said"
      + " is DUPLICATE")
  void repeatsAreDuplicates() {
    start(RecordingLinks.passThrough());
    CallEvent ended = ended("c1");
    engine.handle(ended);
    CallEvent link = update(ended, Optional.of("https://rec.example/c1.mp3"), Optional.empty());
    engine.handle(link);

    assertThat(engine.handle(link).status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(engine.handle(ended).status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(engine.handle(CallEvent.builder().from(ended).phase(CallPhase.UPDATED).build())
        .status()).isEqualTo(HandleResult.Status.DUPLICATE);
    assertThat(crm.noteEdits.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-LIFE an update before the ENDED ends the call; the ENDED is merged under it")
  void updateBeforeEndedIsMerged() {
    start(RecordingLinks.passThrough());
    CallEvent ended = ended("c1");
    CallEvent longer = update(ended, Optional.of("https://rec.example/c1.mp3"),
        Optional.of(T0.plusSeconds(95)));

    engine.handle(longer);
    engine.handle(ended);

    FakeCrm.CallRecord r = onlyRecord();
    assertThat(r.recordingUrl()).contains("https://rec.example/c1.mp3");
    assertThat(r.duration()).as("the update's final duration wins").isEqualTo(
        Duration.ofSeconds(90));
    assertThat(r.result()).as("the ENDED adds who answered: one edit").contains("Olena");
    assertThat(crm.noteEdits.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("R-LIFE a transfer across two employees: the record names both, the deal is the"
      + " first answerer's")
  void transferNamesEveryoneWhoTalked() {
    start(RecordingLinks.passThrough());
    CallEvent transfer = CallEvent.builder().from(ended("c1"))
        .addLegs(new CallLeg("olena", T0.plusSeconds(5), Duration.ofSeconds(20)))
        .addLegs(new CallLeg("andriy", T0.plusSeconds(25), Duration.ofSeconds(40))).build();

    engine.handle(transfer);

    FakeCrm.CallRecord r = onlyRecord();
    assertThat(r.result()).contains("Olena").contains("Andriy");
    Optional<Long> owner = crm.crm(c -> c.deals().get(0).responsibleUserId());
    assertThat(owner).contains(IntegrationEngineTest.OLENA);
  }

  @Test
  @DisplayName("R-LIFE RecordingLinks turns the PBX's reference into the link written to amoCRM")
  void recordingLinksSignTheReference() {
    start((event, ref) -> Optional.of("https://rec.example/play?id=" + ref + "&sig=x"));

    engine.handle(CallEvent.builder().from(ended("c1")).recordingUrl("2026/c1.wav").build());

    assertThat(onlyRecord().recordingUrl()).contains("https://rec.example/play?id=2026/c1.wav&sig=x");
  }

  // --- properties over generated call lives -------------------------------------------------

  /** One generated call life: the events as sent, in order, with repeats. */
  record Life(List<CallEvent> sent) {}

  static Gen<Life> lives() {
    return (random, size) -> {
      CallEvent base = ended("life");
      List<CallLeg> legs = new ArrayList<>();
      int n = random.nextInt(4);
      Instant at = T0.plusSeconds(5);
      for (int i = 0; i < n; i++) {
        Duration d = Duration.ofSeconds(1 + random.nextInt(60));
        legs.add(new CallLeg(random.nextBoolean() ? "olena" : "andriy", at, d));
        at = at.plus(d);
      }
      CallEvent ended = CallEvent.builder().from(base).legs(legs).build();
      List<CallEvent> distinct = new ArrayList<>();
      distinct.add(ended);
      if (random.nextBoolean()) {
        distinct.add(IntegrationEngineTest.answered("life", PHONE, T0));
      }
      int updates = random.nextInt(Math.max(1, Math.min(size, 5)) + 1);
      for (int i = 0; i < updates; i++) {
        Optional<String> link = random.nextBoolean()
            ? Optional.of("https://rec.example/life-" + random.nextInt(3) + ".mp3")
            : Optional.empty();
        Optional<Instant> end = random.nextBoolean()
            ? Optional.of(T0.plusSeconds(6 + random.nextInt(300))) : Optional.empty();
        distinct.add(update(ended, link, end));
      }
      List<CallEvent> sent = new ArrayList<>(distinct);
      Collections.shuffle(sent, new java.util.Random(random.nextLong()));
      int dups = random.nextInt(3);
      for (int i = 0; i < dups; i++) {
        sent.add(random.nextInt(sent.size() + 1), sent.get(random.nextInt(sent.size())));
      }
      return new Life(sent);
    };
  }

  /** What the record must say at the end: ENDED, then the updates in the order first sent. */
  static CallEvent expected(Life life) {
    Set<CallEvent> firstSent = new LinkedHashSet<>(life.sent());
    CallEvent out = firstSent.stream().filter(e -> e.phase() == CallPhase.ENDED).findFirst()
        .orElseThrow();
    for (CallEvent e : firstSent) {
      if (e.phase() != CallPhase.UPDATED) {
        continue;
      }
      CallEvent.Builder b = CallEvent.builder().from(out);
      e.recordingUrl().ifPresent(b::recordingUrl);
      e.endedAt().ifPresent(b::endedAt);
      out = b.build();
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> properties() {
    return Stream.of(Property.forAll(lives()).tries(60).test(
        "R-LIFE any order of ANSWERED, ENDED, updates and duplicates, any legs: exactly one call"
            + " record per call, ending with the latest link and duration",
        life -> {
          FakeAmoCrm fake = newCrm();
          IntegrationEngine e = IntegrationEngine.builder().settings(settings()).amo(fake)
              .journal(new InMemoryJournal()).build();
          try {
            e.activate();
            for (CallEvent ev : life.sent()) {
              HandleResult r = e.handle(ev);
              assertThat(r.status()).isNotEqualTo(HandleResult.Status.FAILED);
            }
            CallEvent want = expected(life);
            assertThat(fake.records()).as("one record per call").hasSize(1);
            FakeCrm.CallRecord r = fake.records().get(0);
            assertThat(r.recordingUrl()).isEqualTo(want.recordingUrl());
            assertThat(r.duration()).isEqualTo(want.talkTime());
          } finally {
            e.close();
          }
        }));
  }

  @SuppressWarnings("unused")
  private static CallDirection unused(SplittableRandom r, Disposition d) {
    return CallDirection.INBOUND;
  }
}
