package io.ringostat.amo.core.plan;

/**
 * One method per {@link Effect}; interpreters (executors, printers) implement it, so that a new
 * effect breaks each of them at compile time.
 */
public interface EffectVisitor<R> {
  R createContact(Effect.CreateContact e);

  R createDeal(Effect.CreateDeal e);

  R createUnsorted(Effect.CreateUnsorted e);

  R recordCall(Effect.RecordCall e);

  R updateCallRecord(Effect.UpdateCallRecord e);

  R createTask(Effect.CreateTask e);

  R completeTask(Effect.CompleteTask e);

  R updateFields(Effect.UpdateFields e);

  R notifyIncomingCall(Effect.NotifyIncomingCall e);
}
