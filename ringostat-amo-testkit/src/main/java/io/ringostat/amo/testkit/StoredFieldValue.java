package io.ringostat.amo.testkit;

import java.util.Optional;

/**
 * One value of a custom field as the emulator stores it. Immutable and thread-safe.
 *
 * @param value the text as sent (phones are not normalized, as in amoCRM)
 * @param enumId the enum id for enum fields (e.g. PHONE's WORK), if any
 * @param enumCode the enum code for multitext fields (WORK, MOB, …), if any
 */
public record StoredFieldValue(String value, Optional<Long> enumId, Optional<String> enumCode) {}
