package io.ringostat.amo.engine.journal;

/**
 * The result of appending an event: its entry, and whether an event with the same call id and
 * phase was already journaled (then {@code entry} is that earlier entry and nothing was added).
 */
public record Appended(JournalEntry entry, boolean duplicate) {}
