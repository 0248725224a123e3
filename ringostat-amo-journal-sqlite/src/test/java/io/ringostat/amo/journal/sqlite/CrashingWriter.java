package io.ringostat.amo.journal.sqlite;

import static io.ringostat.amo.engine.testing.JournalContract.at;
import static io.ringostat.amo.engine.testing.JournalContract.event;

import io.ringostat.amo.engine.journal.EntryState;
import io.ringostat.amo.engine.journal.KnownEntity;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The child process of {@link SqliteJournalCrashTest}: writes to a journal in a loop until it is
 * killed, and reports on stdout each write after the method returned, one line per write, ending
 * in {@code " ."} so that a line cut by the kill is recognisable.
 *
 * <pre>
 * A seq callId .     append returned (not a duplicate)
 * S callId .         markSending returned (both keys of the call)
 * D callId .         markDone returned (the contact key, created CONTACT = iteration)
 * F seq .            finish(DELIVERED) returned
 * </pre>
 *
 * <p>Arguments: the journal directory and a run id that prefixes call ids.
 */
public final class CrashingWriter {
  private CrashingWriter() {}

  static EffectKey contactKey(String callId) {
    return EffectKey.of(callId, EffectKind.CREATE_CONTACT);
  }

  static EffectKey dealKey(String callId) {
    return EffectKey.of(callId, EffectKind.CREATE_DEAL, "pipeline-1");
  }

  static String callId(String run, int i) {
    return run + "-c" + i;
  }

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    String run = args[1];
    PrintStream out = System.out;
    try (SqliteJournal j = SqliteJournal.open(dir)) {
      out.println("READY .");
      out.flush();
      for (int i = 0; i < Integer.MAX_VALUE; i++) {
        String callId = callId(run, i);
        var appended = j.append(event(callId, CallPhase.ENDED), "380440000" + (i % 100), at(i));
        if (i > 0) {
          // A redelivered event: must stay a duplicate even across the kills.
          j.append(event(callId(run, i - 1), CallPhase.ENDED), "k", at(i));
        }
        long seq = appended.entry().seq();
        report(out, "A " + seq + " " + callId);
        j.markSending(seq, List.of(contactKey(callId), dealKey(callId)));
        report(out, "S " + callId);
        j.markDone(seq, contactKey(callId), Map.of(EntityType.CONTACT, (long) i));
        report(out, "D " + callId);
        j.rememberEntity("380440000" + (i % 100),
            new KnownEntity(EntityType.CONTACT, i, Optional.empty(), at(i)));
        if (i % 3 == 0) {
          j.finish(seq, EntryState.DELIVERED, "done", at(i + 1));
          report(out, "F " + seq);
        }
      }
    }
  }

  private static void report(PrintStream out, String line) {
    out.println(line + " .");
    out.flush();
  }
}
