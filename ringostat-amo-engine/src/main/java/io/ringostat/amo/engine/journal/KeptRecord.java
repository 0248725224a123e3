package io.ringostat.amo.engine.journal;

import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.WrittenRecord;
import java.util.Objects;

/**
 * A call record the journal keeps for a call (R-LIFE): the {@code RecordCall} effect key that
 * wrote it, the seq of the entry that last wrote it, and the record's ids and content.
 */
public record KeptRecord(long seq, EffectKey key, WrittenRecord record) {
  public KeptRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(record, "record");
  }
}
