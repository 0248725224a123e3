package io.ringostat.amo.asterisk;

import io.ringostat.amo.core.model.CallEvent;

/**
 * Where the adapter delivers the call events it produces; a host typically passes {@code
 * engine::handleAsync}.
 *
 * <p>Threading: called on the adapter's single reader thread, one event at a time, in the order the
 * calls progressed. An implementation should return quickly (hand the event off rather than make
 * CRM requests inline): while it runs, the adapter does not read from Asterisk. An exception thrown
 * here is logged and the event is dropped; the adapter keeps running.
 */
@FunctionalInterface
public interface CallEventSink {
  /** Accepts one event; must not block for long. */
  void accept(CallEvent event);
}
