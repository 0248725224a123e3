/**
 * The decision: {@link io.ringostat.amo.core.Decider} turns a call event, what the CRM holds for
 * the client's phone, the settings and what was already done for the call into a {@link
 * io.ringostat.amo.core.plan.Plan}. Everything in {@code ringostat-amo-core} is pure: no I/O, no
 * clock reads, no threads, no logging ({@code CoreArchitectureTest} enforces it). Its values are
 * immutable and safe to share between threads.
 *
 * <pre>{@code
 * Optional<CrmView> view = Decider.phone(event, settings).number().map(amo::lookup);
 * Plan plan = Decider.matrix().decide(event, view, settings, CallProgress.empty());
 * System.out.println(PlanPrinter.print(plan));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core;
