/**
 * The decision's inputs: the call ({@link io.ringostat.amo.core.model.CallEvent}), the employees
 * ({@link io.ringostat.amo.core.model.EmployeeDirectory}), phone numbers ({@link
 * io.ringostat.amo.core.model.PhoneNormalizer}) and what amoCRM holds for a phone ({@link
 * io.ringostat.amo.core.model.CrmView}). All types are immutable and thread-safe; builders check
 * their input in {@code build()} and name the field at fault.
 *
 * <pre>{@code
 * PhoneParse parsed = PhoneNormalizer.forCountry("UA").normalize("044 123-45-67");
 * PhoneNumber phone = parsed.number().orElseThrow(); // 380441234567
 * CrmView nothingYet = CrmView.empty(phone);
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.model;

import io.ringostat.amo.core.AmoStyle;
