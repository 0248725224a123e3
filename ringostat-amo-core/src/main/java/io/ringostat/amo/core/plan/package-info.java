/**
 * The decision's output: a {@link io.ringostat.amo.core.plan.Plan} of {@link
 * io.ringostat.amo.core.plan.Effect}s, each with an idempotency {@link
 * io.ringostat.amo.core.plan.EffectKey}, and {@link io.ringostat.amo.core.plan.CallProgress}, what
 * was already done for a call. All types are immutable and thread-safe. Interpreters implement
 * {@link io.ringostat.amo.core.plan.EffectVisitor}; {@link io.ringostat.amo.core.plan.PlanPrinter}
 * is the one that prints.
 *
 * <pre>{@code
 * Plan plan = Decider.matrix().decide(event, view, settings, progress);
 * plan.effects(Effect.CreateTask.class).forEach(t -> System.out.println(t.text()));
 * System.out.println(PlanPrinter.print(plan));
 * }</pre>
 */
@AmoStyle
package io.ringostat.amo.core.plan;

import io.ringostat.amo.core.AmoStyle;
