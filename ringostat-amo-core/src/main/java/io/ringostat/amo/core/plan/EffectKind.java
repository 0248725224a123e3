package io.ringostat.amo.core.plan;

import java.util.Locale;

/** What an {@link Effect} does; part of its {@link EffectKey}. */
public enum EffectKind {
  CREATE_CONTACT,
  CREATE_DEAL,
  CREATE_UNSORTED,
  RECORD_CALL,
  UPDATE_CALL_RECORD,
  CREATE_TASK,
  COMPLETE_TASK,
  UPDATE_FIELDS,
  NOTIFY;

  /** The kind as it appears in key values and journals, e.g. {@code create-contact}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The kind written as {@code wire}.
   *
   * @throws IllegalArgumentException if {@code wire} names no kind
   */
  public static EffectKind fromWire(String wire) {
    for (EffectKind k : values()) {
      if (k.wire().equals(wire)) {
        return k;
      }
    }
    throw new IllegalArgumentException("unknown effect kind: " + wire);
  }

  /** True for the kinds that create a contact or a deal (not tasks or records). */
  public boolean createsEntity() {
    return this == CREATE_CONTACT || this == CREATE_DEAL || this == CREATE_UNSORTED;
  }

  @Override
  public String toString() {
    return wire();
  }
}
