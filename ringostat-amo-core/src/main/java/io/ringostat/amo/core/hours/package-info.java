/**
 * Working hours (R-HOURS): a weekly schedule with holidays in a time zone, and pure arithmetic on
 * it (is the office open, when does it open next, when is "30 working minutes from now").
 *
 * <p>Immutable values and pure functions: no clock (every instant is an argument), no I/O.
 *
 * <pre>{@code
 * WorkingHours hours = WorkingHours.builder(ZoneId.of("Europe/Kyiv"))
 *     .weekdays("09:00-18:00").holiday(LocalDate.of(2025, 8, 24)).build();
 * Instant due = hours.addWorkingTime(missedAt, Duration.ofMinutes(30));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.hours;

import io.ringostat.amo.core.AmoStyle;
