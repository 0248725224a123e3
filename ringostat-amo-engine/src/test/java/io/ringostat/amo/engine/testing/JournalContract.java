package io.ringostat.amo.engine.testing;

import io.ringostat.amo.core.routing.LastTalk;
import io.ringostat.amo.engine.journal.Appended;
import io.ringostat.amo.engine.journal.DuplicateMemory;
import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.engine.journal.JournalCounts;
import io.ringostat.amo.engine.journal.JournalEntry;
import io.ringostat.amo.core.plan.WrittenRecord;
import io.ringostat.amo.engine.journal.KeptRecord;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.engine.journal.RememberedTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Journal} shares. An implementation's test implements this interface
 * and {@link #newJournal()}; each test opens its journal(s) and closes them.
 *
 * <p>Instants here have millisecond precision, the finest a durable journal is required to keep.
 * Cases where the port leaves behaviour open (a limit of zero, prune of a call that still has
 * finished entries kept) are not part of the contract.
 */
public interface JournalContract {
  Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  /** A new, empty journal; the test closes it. */
  Journal newJournal();

  /**
   * A new, empty journal that remembers pruned events as {@code memory} says. An implementation
   * without a duplicate memory leaves this default, and the tests that need one are skipped.
   */
  default Journal newJournal(DuplicateMemory memory) {
    Assumptions.abort("this journal has no duplicate memory (DuplicateMemory) yet");
    throw new AssertionError("unreachable");
  }

  static Instant at(long seconds) {
    return T0.plusSeconds(seconds);
  }

  static CallEvent event(String callId, CallPhase phase) {
    CallEvent.Builder b = CallEvent.builder().callId(callId).phase(phase)
        .direction(CallDirection.INBOUND).clientPhone("+380 44 123 4567").startedAt(T0);
    if (phase != CallPhase.RINGING) {
      b.answeredAt(T0.plusSeconds(5)).employeeEndpoint("sip:101");
    }
    if (phase == CallPhase.ENDED) {
      b.endedAt(T0.plusSeconds(65)).disposition(Disposition.ANSWERED);
    }
    return b.build();
  }

  /** An event with every optional field set, to check that nothing is lost in storage. */
  static CallEvent richEvent(String callId) {
    return CallEvent.builder().callId(callId).phase(CallPhase.ENDED)
        .direction(CallDirection.OUTBOUND).disposition(Disposition.NO_ANSWER)
        .clientPhone("8 (916) 123-45-67").trackingPhone("+380441110000")
        .employeeEndpoint("manager@pbx").startedAt(T0).endedAt(T0.plusMillis(12_345))
        .recordingUrl("https://rec.example/a.mp3?x=1&y=\"2\"")
        .tracking(Tracking.builder().pool("Google Ads").utmSource("google").utmMedium("cpc")
            .utmCampaign("весна").utmTerm("term").utmContent("content")
            .landingPage("https://shop.example/landing").referrer("https://google.com/")
            .adSource("adwords").gaClientId("GA1.2.3.4").putExtra("roistat_visit_id", "12345")
            .putExtra("zzz", "last").build())
        .build();
  }

  @Test
  default void appendStoresAPendingEntry() {
    try (Journal j = newJournal()) {
      CallEvent e = event("c-1", CallPhase.RINGING);
      Appended a = j.append(e, "380441234567", at(1));

      assertThat(a.duplicate()).isFalse();
      JournalEntry entry = a.entry();
      assertThat(entry.seq()).isPositive();
      assertThat(entry.callId()).isEqualTo("c-1");
      assertThat(entry.phase()).contains(CallPhase.RINGING);
      assertThat(entry.phoneKey()).isEqualTo("380441234567");
      assertThat(entry.receivedAt()).isEqualTo(at(1));
      assertThat(entry.state()).isEqualTo(EntryState.PENDING);
      assertThat(entry.event()).contains(e);
      assertThat(entry.raw()).isEmpty();
      assertThat(entry.attempts()).isZero();
      assertThat(entry.note()).isEmpty();
      assertThat(entry.finishedAt()).isEmpty();
      assertThat(j.entry(entry.seq())).contains(entry);
    }
  }

  @Test
  default void everyEventFieldSurvives() {
    try (Journal j = newJournal()) {
      CallEvent e = richEvent("c-rich");
      long seq = j.append(e, "79161234567", at(0)).entry().seq();

      assertThat(j.entry(seq).flatMap(JournalEntry::event)).contains(e);
      assertThat(j.pending(0, 10)).singleElement()
          .satisfies(p -> assertThat(p.event()).contains(e));
    }
  }

  @Test
  default void sameCallIdAndPhaseIsADuplicateAndWritesNothing() {
    try (Journal j = newJournal()) {
      Appended first = j.append(event("c-1", CallPhase.ANSWERED), "380441234567", at(1));
      Appended again = j.append(event("c-1", CallPhase.ANSWERED), "other-key", at(2));

      assertThat(again.duplicate()).isTrue();
      assertThat(again.entry()).isEqualTo(first.entry());
      assertThat(j.pending(0, 10)).containsExactly(first.entry());
      assertThat(j.counts().total()).isEqualTo(1);
    }
  }

  /** The ended call of {@link #event} with a recording link published later (R-LIFE). */
  static CallEvent update(String callId, String link) {
    return CallEvent.builder().from(event(callId, CallPhase.ENDED)).phase(CallPhase.UPDATED)
        .recordingUrl(link).build();
  }

  @Test
  default void newContentAboutAnEndedCallIsJournaledAndAnExactRepeatIsNot_R_LIFE() {
    try (Journal j = newJournal()) {
      long ended = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      // an UPDATED that says what the ENDED said is the ENDED again
      CallEvent same = CallEvent.builder().from(event("c-1", CallPhase.ENDED))
          .phase(CallPhase.UPDATED).build();
      assertThat(j.append(same, "k", at(2))).satisfies(a -> {
        assertThat(a.duplicate()).isTrue();
        assertThat(a.entry().seq()).isEqualTo(ended);
      });
      Appended link = j.append(update("c-1", "https://rec.example/1.mp3"), "k", at(3));
      Appended again = j.append(update("c-1", "https://rec.example/1.mp3"), "k", at(4));
      Appended other = j.append(update("c-1", "https://rec.example/2.mp3"), "k", at(5));
      CallEvent secondEnded = CallEvent.builder().from(event("c-1", CallPhase.ENDED))
          .endedAt(T0.plusSeconds(70)).build();
      Appended ended2 = j.append(secondEnded, "k", at(6));

      assertThat(link.duplicate()).isFalse();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.entry().seq()).isEqualTo(link.entry().seq());
      assertThat(other.duplicate()).isFalse();
      assertThat(ended2.duplicate()).isFalse();
      assertThat(j.callEntries("c-1")).extracting(JournalEntry::seq).containsExactly(ended,
          link.entry().seq(), other.entry().seq(), ended2.entry().seq());
      assertThat(j.callEntries("c-1").get(1).event()).contains(
          update("c-1", "https://rec.example/1.mp3"));
      assertThat(j.callEntries("c-2")).isEmpty();
    }
  }

  @Test
  default void callRecordsAreKeptPerKeyReplacedByAnEditAndPrunedWithTheCall_R_LIFE() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      EffectKey deal = EffectKey.of("c-1", EffectKind.RECORD_CALL, "deal");
      EffectKey contact = EffectKey.of("c-1", EffectKind.RECORD_CALL, "contact");
      WrittenRecord onDeal = new WrittenRecord(EntityType.DEAL, 9001, 77, "a|b", Optional.of(5L));
      WrittenRecord onContact =
          new WrittenRecord(EntityType.CONTACT, 3501, 78, "c", Optional.empty());
      j.rememberRecord(seq, deal, onDeal);
      j.rememberRecord(seq, contact, onContact);
      j.rememberRecord(seq + 1, deal, onDeal.withContent("a|b|link"));

      assertThat(j.records("c-1")).containsExactly(
          new KeptRecord(seq + 1, deal, onDeal.withContent("a|b|link")),
          new KeptRecord(seq, contact, onContact));
      assertThat(j.records("c-2")).isEmpty();

      j.finish(seq, EntryState.DELIVERED, "done", at(2));
      j.prune(at(3));
      assertThat(j.records("c-1")).isEmpty();
    }
  }

  @Test
  default void otherPhaseOrOtherCallIsNotADuplicate() {
    try (Journal j = newJournal()) {
      long s1 = j.append(event("c-1", CallPhase.ANSWERED), "k", at(1)).entry().seq();
      Appended ended = j.append(event("c-1", CallPhase.ENDED), "k", at(2));
      Appended other = j.append(event("c-2", CallPhase.ANSWERED), "k", at(3));

      assertThat(ended.duplicate()).isFalse();
      assertThat(other.duplicate()).isFalse();
      assertThat(ended.entry().seq()).isGreaterThan(s1);
      assertThat(other.entry().seq()).isGreaterThan(ended.entry().seq());
      assertThat(j.counts().pending()).isEqualTo(3);
    }
  }

  @Test
  default void aFinishedEntryStillDedupes() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      j.finish(seq, EntryState.DELIVERED, "done", at(2));

      Appended again = j.append(event("c-1", CallPhase.ENDED), "k", at(3));

      assertThat(again.duplicate()).isTrue();
      assertThat(again.entry().state()).isEqualTo(EntryState.DELIVERED);
      assertThat(j.pending(0, 10)).isEmpty();
    }
  }

  @Test
  default void pendingIsInSeqOrderAfterSeqUpToLimit() {
    try (Journal j = newJournal()) {
      long[] seq = new long[5];
      for (int i = 0; i < 5; i++) {
        seq[i] = j.append(event("c-" + i, CallPhase.ENDED), "k" + i, at(i)).entry().seq();
      }
      j.finish(seq[1], EntryState.DELIVERED, "done", at(10));

      assertThat(seqs(j.pending(0, 10))).containsExactly(seq[0], seq[2], seq[3], seq[4]);
      assertThat(seqs(j.pending(seq[2], 10))).containsExactly(seq[3], seq[4]);
      assertThat(seqs(j.pending(0, 2))).containsExactly(seq[0], seq[2]);
      assertThat(seqs(j.pending(seq[0], 1))).containsExactly(seq[2]);
      assertThat(j.pending(seq[4], 10)).isEmpty();
    }
  }

  @Test
  default void emptyJournal() {
    try (Journal j = newJournal()) {
      assertThat(j.pending(0, 10)).isEmpty();
      assertThat(j.entry(1)).isEmpty();
      assertThat(j.entries(EntryState.PENDING, 10)).isEmpty();
      assertThat(j.progress("c-1")).isEqualTo(CallProgress.empty());
      assertThat(j.uncertain("c-1")).isEmpty();
      assertThat(j.knownEntities("380441234567", Instant.EPOCH)).isEmpty();
      assertThat(j.lastTalk("380441234567")).isEmpty();
      assertThat(j.counts()).isEqualTo(new JournalCounts(0, 0, 0, 0, 0, 0));
      assertThat(j.prune(at(1000))).isZero();
    }
  }

  @Test
  default void entriesReturnsTheLastOfAStateInSeqOrder() {
    try (Journal j = newJournal()) {
      long[] seq = new long[5];
      for (int i = 0; i < 5; i++) {
        seq[i] = j.append(event("c-" + i, CallPhase.ENDED), "k", at(i)).entry().seq();
      }
      for (int i : new int[] {0, 2, 3, 4}) {
        j.finish(seq[i], EntryState.DELIVERED, "done " + i, at(10 + i));
      }

      assertThat(seqs(j.entries(EntryState.DELIVERED, 2))).containsExactly(seq[3], seq[4]);
      assertThat(seqs(j.entries(EntryState.DELIVERED, 10)))
          .containsExactly(seq[0], seq[2], seq[3], seq[4]);
      assertThat(seqs(j.entries(EntryState.PENDING, 10))).containsExactly(seq[1]);
      assertThat(j.entries(EntryState.FAILED, 10)).isEmpty();
    }
  }

  @Test
  default void sendingWithoutDoneIsUncertain() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ANSWERED), "k", at(1)).entry().seq();
      EffectKey contact = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
      EffectKey deal = EffectKey.of("c-1", EffectKind.CREATE_DEAL, "pipeline-7");

      j.markSending(seq, List.of(contact, deal));

      assertThat(j.uncertain("c-1")).containsExactlyInAnyOrder(contact, deal);
      assertThat(j.progress("c-1").isEmpty()).isTrue();
      assertThat(j.uncertain("c-2")).isEmpty();
    }
  }

  @Test
  default void doneClearsUncertainAndRecordsWhatWasCreated() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ANSWERED), "k", at(1)).entry().seq();
      EffectKey contact = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
      EffectKey deal = EffectKey.of("c-1", EffectKind.CREATE_DEAL, "pipeline-7");
      j.markSending(seq, List.of(contact, deal));

      j.markDone(seq, contact, Map.of(EntityType.CONTACT, 42L, EntityType.COMPANY, 7L));

      assertThat(j.uncertain("c-1")).containsExactly(deal);
      CallProgress p = j.progress("c-1");
      assertThat(p.isDone(contact)).isTrue();
      assertThat(p.isDone(deal)).isFalse();
      assertThat(p.created(contact, EntityType.CONTACT)).contains(42L);
      assertThat(p.created(contact, EntityType.COMPANY)).contains(7L);
      assertThat(p.created(contact, EntityType.DEAL)).isEmpty();
    }
  }

  @Test
  default void doneWithoutSendingAndWithNothingCreated() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      EffectKey note = EffectKey.of("c-1", EffectKind.RECORD_CALL, "deal");

      j.markDone(seq, note, Map.of());

      assertThat(j.progress("c-1").done()).containsExactly(Map.entry(note, Map.of()));
      assertThat(j.uncertain("c-1")).isEmpty();
    }
  }

  @Test
  default void sendingAgainAfterDoneStaysDone() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      EffectKey key = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
      j.markSending(seq, List.of(key));
      j.markDone(seq, key, Map.of(EntityType.CONTACT, 42L));

      j.markSending(seq, List.of(key));

      assertThat(j.uncertain("c-1")).isEmpty();
      assertThat(j.progress("c-1").created(key, EntityType.CONTACT)).contains(42L);
    }
  }

  @Test
  default void progressKeepsTheOrderEffectsWereDoneIn() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      EffectKey a = EffectKey.of("c-1", EffectKind.UPDATE_FIELDS, "z");
      EffectKey b = EffectKey.of("c-1", EffectKind.CREATE_CONTACT, "a");
      EffectKey c = EffectKey.of("c-1", EffectKind.RECORD_CALL, "m");
      j.markSending(seq, List.of(c, b, a));

      j.markDone(seq, a, Map.of());
      j.markDone(seq, b, Map.of(EntityType.DEAL, 2L));
      j.markDone(seq, c, Map.of());

      assertThat(j.progress("c-1").done().keySet()).containsExactly(a, b, c);
    }
  }

  @Test
  default void effectsAreSharedAcrossTheEntriesOfOneCall() {
    try (Journal j = newJournal()) {
      long answered = j.append(event("c-1", CallPhase.ANSWERED), "k", at(1)).entry().seq();
      EffectKey contact = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
      j.markSending(answered, List.of(contact));
      j.markDone(answered, contact, Map.of(EntityType.CONTACT, 42L));
      j.finish(answered, EntryState.DELIVERED, "done", at(2));
      long ended = j.append(event("c-1", CallPhase.ENDED), "k", at(3)).entry().seq();
      EffectKey record = EffectKey.of("c-1", EffectKind.RECORD_CALL, "contact");
      j.markSending(ended, List.of(record));

      assertThat(j.progress("c-1").created(contact, EntityType.CONTACT)).contains(42L);
      assertThat(j.uncertain("c-1")).containsExactly(record);
      j.append(event("c-2", CallPhase.ENDED), "k", at(4));
      assertThat(j.progress("c-2").isEmpty()).isTrue();
    }
  }

  @Test
  default void finishMovesAnEntryToAFinalState() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();

      j.finish(seq, EntryState.FAILED, "422: bad field", at(5));

      JournalEntry e = j.entry(seq).orElseThrow();
      assertThat(e.state()).isEqualTo(EntryState.FAILED);
      assertThat(e.note()).contains("422: bad field");
      assertThat(e.finishedAt()).contains(at(5));
      assertThat(e.event()).contains(event("c-1", CallPhase.ENDED));
      assertThat(j.pending(0, 10)).isEmpty();
    }
  }

  @Test
  default void finishRejectsPendingAndUnknownEntries() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();

      assertThatThrownBy(() -> j.finish(seq, EntryState.PENDING, "no", at(2)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> j.finish(seq + 100, EntryState.DELIVERED, "no", at(2)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(j.entry(seq).orElseThrow().state()).isEqualTo(EntryState.PENDING);
    }
  }

  @Test
  default void recordAttemptCountsAndKeepsTheLastError() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();

      j.recordAttempt(seq, "503 from amoCRM");
      j.recordAttempt(seq, "timeout");

      JournalEntry e = j.entry(seq).orElseThrow();
      assertThat(e.attempts()).isEqualTo(2);
      assertThat(e.note()).contains("timeout");
      assertThat(e.state()).isEqualTo(EntryState.PENDING);
      assertThat(j.pending(0, 10)).containsExactly(e);
      assertThatThrownBy(() -> j.recordAttempt(seq + 100, "x"))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  default void rejectedInputsAreKeptTruncatedAndNeverPending() {
    try (Journal j = newJournal()) {
      long before = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      String raw = "{\"callId\": " + "x".repeat(5000);

      JournalEntry r1 = j.appendRejected(raw, "not JSON", at(2));
      JournalEntry r2 = j.appendRejected(raw, "not JSON", at(3));

      assertThat(r1.seq()).isGreaterThan(before);
      assertThat(r2.seq()).isGreaterThan(r1.seq());
      assertThat(r1.state()).isEqualTo(EntryState.REJECTED);
      assertThat(r1.callId()).isEqualTo("rejected-" + r1.seq());
      assertThat(r1.phoneKey()).isEqualTo(Journal.unparseablePhoneKey(r1.callId()));
      assertThat(r1.phase()).isEmpty();
      assertThat(r1.event()).isEmpty();
      assertThat(r1.raw()).contains(raw.substring(0, Journal.MAX_RAW));
      assertThat(r1.note()).contains("not JSON");
      assertThat(r1.receivedAt()).isEqualTo(at(2));
      assertThat(r1.finishedAt()).contains(at(2));
      assertThat(j.entry(r1.seq())).contains(r1);
      assertThat(seqs(j.entries(EntryState.REJECTED, 10))).containsExactly(r1.seq(), r2.seq());
      assertThat(seqs(j.pending(0, 10))).containsExactly(before);
    }
  }

  @Test
  default void rejectedReasonIsBoundedLikeTheRawText() {
    try (Journal j = newJournal()) {
      String reason = "line 1: " + "y".repeat(3 * Journal.MAX_RAW);

      JournalEntry r = j.appendRejected("{", reason, at(1));

      assertThat(r.note()).hasValueSatisfying(n -> {
        assertThat(n).hasSizeLessThanOrEqualTo(Journal.MAX_RAW);
        assertThat(reason).startsWith(n);
      });
      assertThat(j.entry(r.seq()).orElseThrow().note()).isEqualTo(r.note());
    }
  }

  @Test
  default void shortRejectedInputIsKeptWhole() {
    try (Journal j = newJournal()) {
      JournalEntry r = j.appendRejected("", "empty body", at(1));

      assertThat(r.raw()).contains("");
      assertThat(j.entry(r.seq())).contains(r);
    }
  }

  @Test
  default void knownEntitiesAreNewestFirstSinceAnInstant() {
    try (Journal j = newJournal()) {
      KnownEntity contact = new KnownEntity(EntityType.CONTACT, 1, Optional.of(77L), at(10));
      KnownEntity deal = new KnownEntity(EntityType.DEAL, 2, Optional.empty(), at(30));
      KnownEntity company = new KnownEntity(EntityType.COMPANY, 3, Optional.of(78L), at(20));
      j.rememberEntity("380441234567", contact);
      j.rememberEntity("380441234567", deal);
      j.rememberEntity("380441234567", company);
      j.rememberEntity("79161234567", new KnownEntity(EntityType.CONTACT, 9, Optional.empty(),
          at(40)));

      assertThat(j.knownEntities("380441234567", Instant.EPOCH))
          .containsExactly(deal, company, contact);
      assertThat(j.knownEntities("380441234567", at(20))).containsExactly(deal, company);
      assertThat(j.knownEntities("380441234567", at(31))).isEmpty();
      assertThat(j.knownEntities("000", Instant.EPOCH)).isEmpty();
    }
  }

  @Test
  default void rememberingTheSameEntityReplacesIt() {
    try (Journal j = newJournal()) {
      j.rememberEntity("380441234567", new KnownEntity(EntityType.CONTACT, 1, Optional.empty(),
          at(10)));
      j.rememberEntity("380441234567", new KnownEntity(EntityType.DEAL, 1, Optional.empty(),
          at(20)));
      KnownEntity again = new KnownEntity(EntityType.CONTACT, 1, Optional.of(5L), at(30));

      j.rememberEntity("380441234567", again);

      assertThat(j.knownEntities("380441234567", Instant.EPOCH))
          .containsExactly(again, new KnownEntity(EntityType.DEAL, 1, Optional.empty(), at(20)));
    }
  }

  @Test
  default void lastTalkKeepsTheNewest() {
    try (Journal j = newJournal()) {
      j.rememberTalk("380441234567", 11, at(20));
      j.rememberTalk("380441234567", 12, at(10));
      assertThat(j.lastTalk("380441234567")).contains(new LastTalk(11, at(20)));

      j.rememberTalk("380441234567", 13, at(30));
      assertThat(j.lastTalk("380441234567")).contains(new LastTalk(13, at(30)));

      j.rememberTalk("380441234567", 14, at(30));
      assertThat(j.lastTalk("380441234567")).contains(new LastTalk(14, at(30)));
      assertThat(j.lastTalk("79161234567")).isEmpty();
    }
  }

  @Test
  default void rememberedTasksAreOpenUntilClosed_R_LIFE() {
    try (Journal j = newJournal()) {
      RememberedTask onDeal = new RememberedTask(501, "missed-call", Optional.of(EntityType.DEAL),
          Optional.of(20_001L), 5001, at(3600), at(10));
      RememberedTask onNothing = new RememberedTask(502, "missed-call", Optional.empty(),
          Optional.empty(), 5000, at(7200), at(20));
      j.rememberTask("380441234567", onNothing);
      j.rememberTask("380441234567", onDeal);
      j.rememberTask("79161234567", new RememberedTask(503, "follow-up",
          Optional.of(EntityType.CONTACT), Optional.of(10_001L), 5002, at(3600), at(5)));

      assertThat(j.openTasks("380441234567")).containsExactly(onDeal, onNothing);
      assertThat(j.openTasks("380000000000")).isEmpty();

      j.closeTask(501, at(30));
      j.closeTask(501, at(40));
      j.closeTask(999, at(40));
      assertThat(j.openTasks("380441234567")).containsExactly(onNothing);
      assertThat(j.openTasks("79161234567")).extracting(RememberedTask::id).containsExactly(503L);
    }
  }

  @Test
  default void pruneDeletesClosedTasksAndKeepsOpenOnes_R_LIFE() {
    try (Journal j = newJournal()) {
      RememberedTask open = new RememberedTask(601, "missed-call", Optional.empty(),
          Optional.empty(), 5000, at(3600), at(1));
      j.rememberTask("380441234567", open);
      j.rememberTask("380441234567", new RememberedTask(602, "missed-call", Optional.empty(),
          Optional.empty(), 5000, at(3600), at(2)));
      j.rememberTask("380441234567", new RememberedTask(603, "missed-call", Optional.empty(),
          Optional.empty(), 5000, at(3600), at(3)));
      j.closeTask(602, at(50));
      j.closeTask(603, at(150));

      j.prune(at(100));

      assertThat(j.openTasks("380441234567")).containsExactly(open);
      // a closed task pruned away and one kept: neither reopens by itself
      j.closeTask(601, at(200));
      assertThat(j.openTasks("380441234567")).isEmpty();
    }
  }

  @Test
  default void pruneDeletesEntriesFinishedBeforeTheInstant() {
    try (Journal j = newJournal()) {
      long old = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      long atCutoff = j.append(event("c-2", CallPhase.ENDED), "k", at(2)).entry().seq();
      long recent = j.append(event("c-3", CallPhase.ENDED), "k", at(3)).entry().seq();
      long pending = j.append(event("c-4", CallPhase.ENDED), "k", at(4)).entry().seq();
      long rejected = j.appendRejected("garbage", "not JSON", at(5)).seq();
      j.finish(old, EntryState.DELIVERED, "done", at(10));
      j.finish(atCutoff, EntryState.EXPIRED, "too old", at(100));
      j.finish(recent, EntryState.FAILED, "bad", at(200));

      assertThat(j.prune(at(100))).isEqualTo(2);

      assertThat(j.entry(old)).isEmpty();
      assertThat(j.entry(rejected)).isEmpty();
      assertThat(j.entry(atCutoff)).isPresent();
      assertThat(j.entry(recent)).isPresent();
      assertThat(j.entry(pending)).isPresent();
      assertThat(j.counts()).isEqualTo(new JournalCounts(1, 0, 1, 0, 0, 1));
      assertThat(j.prune(at(100))).isZero();
    }
  }

  @Test
  default void pruneNeverDeletesPendingEntries() {
    try (Journal j = newJournal()) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();

      assertThat(j.prune(at(1_000_000))).isZero();

      assertThat(j.pending(0, 10)).extracting(JournalEntry::seq).containsExactly(seq);
    }
  }

  @Test
  default void pruneDeletesTheEffectsOfACallOnlyWithItsLastEntry() {
    try (Journal j = newJournal()) {
      long answered = j.append(event("c-1", CallPhase.ANSWERED), "k", at(1)).entry().seq();
      EffectKey contact = EffectKey.of("c-1", EffectKind.CREATE_CONTACT);
      EffectKey uncertain = EffectKey.of("c-1", EffectKind.CREATE_DEAL);
      j.markSending(answered, List.of(contact, uncertain));
      j.markDone(answered, contact, Map.of(EntityType.CONTACT, 42L));
      j.finish(answered, EntryState.DELIVERED, "done", at(2));
      long ended = j.append(event("c-1", CallPhase.ENDED), "k", at(3)).entry().seq();

      assertThat(j.prune(at(50))).isEqualTo(1);
      assertThat(j.progress("c-1").created(contact, EntityType.CONTACT)).contains(42L);
      assertThat(j.uncertain("c-1")).containsExactly(uncertain);

      j.finish(ended, EntryState.DELIVERED, "done", at(60));
      assertThat(j.prune(at(70))).isEqualTo(1);
      assertThat(j.progress("c-1").isEmpty()).isTrue();
      assertThat(j.uncertain("c-1")).isEmpty();
    }
  }

  @Test
  default void aPrunedEventCanBeJournaledAgainWithoutADuplicateMemory() {
    try (Journal j = newJournal(DuplicateMemory.NONE)) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      j.finish(seq, EntryState.DELIVERED, "done", at(2));
      j.prune(at(3));

      Appended again = j.append(event("c-1", CallPhase.ENDED), "k", at(4));

      assertThat(again.duplicate()).isFalse();
      assertThat(again.entry().seq()).isGreaterThan(seq);
    }
  }

  @Test
  default void aDuplicateResentTwentyDaysLaterAfterPruningIsStillADuplicate() {
    try (Journal j = newJournal(DuplicateMemory.DEFAULT)) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "380441234567", at(1)).entry().seq();
      j.finish(seq, EntryState.DELIVERED, "done", at(2));
      long answered = j.append(event("c-2", CallPhase.ANSWERED), "k", at(3)).entry().seq();
      j.finish(answered, EntryState.SKIPPED, "nothing", at(4));
      Instant day7 = T0.plus(Duration.ofDays(7));
      Instant day20 = T0.plus(Duration.ofDays(20));
      assertThat(j.prune(day7)).isEqualTo(2);
      assertThat(j.entry(seq)).isEmpty();

      Appended again = j.append(event("c-1", CallPhase.ENDED), "380441234567", day20);

      assertThat(again.duplicate()).isTrue();
      JournalEntry e = again.entry();
      assertThat(e.seq()).isEqualTo(seq);
      assertThat(e.callId()).isEqualTo("c-1");
      assertThat(e.phase()).contains(CallPhase.ENDED);
      assertThat(e.state()).isEqualTo(EntryState.DELIVERED);
      assertThat(e.receivedAt()).isEqualTo(at(1));
      assertThat(e.finishedAt()).contains(at(2));
      assertThat(e.note()).contains(Journal.PRUNED_NOTE);
      assertThat(j.counts().pending()).isZero();
      assertThat(j.append(event("c-2", CallPhase.ANSWERED), "k", day20).entry().state())
          .isEqualTo(EntryState.SKIPPED);
      // another phase of the same call, or another call, is new
      assertThat(j.append(event("c-1", CallPhase.ANSWERED), "k", day20).duplicate()).isFalse();
      assertThat(j.append(event("c-3", CallPhase.ENDED), "k", day20).duplicate()).isFalse();
    }
  }

  @Test
  default void theDuplicateMemoryForgetsAfterItsTimeAndSurvivesLaterPrunes() {
    try (Journal j = newJournal(new DuplicateMemory(Duration.ofDays(30), 100))) {
      long seq = j.append(event("c-1", CallPhase.ENDED), "k", at(1)).entry().seq();
      j.finish(seq, EntryState.DELIVERED, "done", at(2));
      j.prune(T0.plus(Duration.ofDays(1)));
      j.prune(T0.plus(Duration.ofDays(30))); // 30 days after it finished: not yet forgotten

      assertThat(j.append(event("c-1", CallPhase.ENDED), "k", T0.plus(Duration.ofDays(30)))
          .duplicate()).isTrue();

      j.prune(T0.plus(Duration.ofDays(31)));
      Appended again = j.append(event("c-1", CallPhase.ENDED), "k", T0.plus(Duration.ofDays(31)));
      assertThat(again.duplicate()).isFalse();
      assertThat(again.entry().seq()).isGreaterThan(seq);
    }
  }

  @Test
  default void theDuplicateMemoryIsBounded() {
    try (Journal j = newJournal(new DuplicateMemory(Duration.ofDays(30), 2))) {
      for (int i = 1; i <= 3; i++) {
        long seq = j.append(event("c-" + i, CallPhase.ENDED), "k", at(i)).entry().seq();
        j.finish(seq, EntryState.DELIVERED, "done", at(10 + i));
        j.prune(at(20 + i));
      }

      Instant later = at(100);
      assertThat(j.append(event("c-1", CallPhase.ENDED), "k", later).duplicate()).isFalse();
      assertThat(j.append(event("c-2", CallPhase.ENDED), "k", later).duplicate()).isTrue();
      assertThat(j.append(event("c-3", CallPhase.ENDED), "k", later).duplicate()).isTrue();
    }
  }

  @Test
  default void pruneForgetsPhoneMemoriesOlderThanTheInstant() {
    try (Journal j = newJournal()) {
      KnownEntity old = new KnownEntity(EntityType.CONTACT, 1, Optional.empty(), at(10));
      KnownEntity kept = new KnownEntity(EntityType.DEAL, 2, Optional.empty(), at(100));
      j.rememberEntity("380441234567", old);
      j.rememberEntity("380441234567", kept);
      j.rememberTalk("380441234567", 11, at(99));
      j.rememberTalk("79161234567", 12, at(100));

      j.prune(at(100));

      assertThat(j.knownEntities("380441234567", Instant.EPOCH)).containsExactly(kept);
      assertThat(j.lastTalk("380441234567")).isEmpty();
      assertThat(j.lastTalk("79161234567")).contains(new LastTalk(12, at(100)));
    }
  }

  @Test
  default void countsPerState() {
    try (Journal j = newJournal()) {
      EntryState[] finals = {EntryState.DELIVERED, EntryState.DELIVERED, EntryState.FAILED,
          EntryState.SKIPPED, EntryState.EXPIRED, EntryState.EXPIRED, EntryState.EXPIRED};
      for (int i = 0; i < finals.length; i++) {
        long seq = j.append(event("f-" + i, CallPhase.ENDED), "k", at(i)).entry().seq();
        j.finish(seq, finals[i], "n", at(100));
      }
      j.append(event("p-1", CallPhase.ENDED), "k", at(50));
      j.appendRejected("x", "bad", at(51));
      j.appendRejected("y", "bad", at(52));

      JournalCounts c = j.counts();

      assertThat(c).isEqualTo(new JournalCounts(1, 2, 1, 2, 1, 3));
      assertThat(c.total()).isEqualTo(10);
    }
  }

  @Test
  default void aLongBacklogReadsBackInPages() {
    try (Journal j = newJournal()) {
      for (int i = 0; i < 250; i++) {
        j.append(event("c-" + i, CallPhase.ENDED), "k" + (i % 7), at(i));
      }
      long after = 0;
      int read = 0;
      List<JournalEntry> page;
      while (!(page = j.pending(after, 64)).isEmpty()) {
        for (JournalEntry e : page) {
          assertThat(e.seq()).isGreaterThan(after);
          assertThat(e.callId()).isEqualTo("c-" + read);
          after = e.seq();
          read++;
        }
      }
      assertThat(read).isEqualTo(250);
      assertThat(Duration.between(T0, j.entry(after).orElseThrow().receivedAt()))
          .isEqualTo(Duration.ofSeconds(249));
    }
  }

  private static List<Long> seqs(List<JournalEntry> entries) {
    return entries.stream().map(JournalEntry::seq).toList();
  }
}
