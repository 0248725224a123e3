package io.ringostat.amo.okhttp.testing;

import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.plan.CallStatus;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityRef;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.plan.FieldValue;
import io.ringostat.amo.core.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The effects of the reference's examples, with the fixture values. */
public final class Effects {
  public static final String CALL = "c0ffee-1";
  public static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  public static final long ANNA = 504141;
  public static final long SENIOR = 504142;
  public static final long PIPELINE = 3383152;
  public static final Instant CALLED_AT = Instant.ofEpochSecond(1_732_550_400L);
  public static final String RECORDING = "https://rec.example.com/c0ffee-1.mp3";

  private Effects() {}

  public static Effect.CreateContact contact() {
    return new Effect.CreateContact(EffectKey.of(CALL, EffectKind.CREATE_CONTACT), "test",
        "+380441234567", PHONE, ANNA, List.of(), List.of());
  }

  public static Effect.CreateDeal dealFor(EntityRef contact, Optional<Long> status) {
    return new Effect.CreateDeal(EffectKey.of(CALL, EffectKind.CREATE_DEAL), "test",
        "Inbound call +380441234567", Optional.of(contact), Optional.of(PIPELINE), status, ANNA,
        List.of(FieldValue.byCode("UTM_SOURCE", "google")), List.of("ringostat"));
  }

  public static Effect.CreateDeal newDeal() {
    return dealFor(EntityRef.createdBy(EntityType.CONTACT, contact().key()), Optional.empty());
  }

  public static Effect.CreateUnsorted unsorted() {
    return new Effect.CreateUnsorted(EffectKey.of(CALL, EffectKind.CREATE_UNSORTED), "test", CALL, PHONE,
        Optional.of(PIPELINE), CALLED_AT, Duration.ofSeconds(45), Optional.of(RECORDING), ANNA,
        "+380441234567", "Call from +380441234567", List.of(), List.of(), List.of(), List.of(), "ringostat");
  }

  public static Effect.RecordCall record(EntityRef target) {
    String t = target.type() == EntityType.DEAL ? "deal" : "contact";
    return new Effect.RecordCall(EffectKey.of(CALL, EffectKind.RECORD_CALL, t), "test", target,
        CallDirection.INBOUND, CALL, PHONE, Duration.ofSeconds(45), Optional.of(RECORDING),
        CallStatus.TALKED, "Talked", Optional.of(ANNA), ANNA, CALLED_AT, "ringostat",
        Optional.empty());
  }

  public static Effect.CreateTask task(Optional<EntityRef> target) {
    return new Effect.CreateTask(EffectKey.of(CALL, EffectKind.CREATE_TASK, "missed-call"), "test",
        target, ANNA, 1, "Missed call from +380441234567 — call back",
        Instant.ofEpochSecond(1_732_554_000L));
  }

  public static Effect.UpdateFields update(EntityRef target) {
    return new Effect.UpdateFields(EffectKey.of(CALL, EffectKind.UPDATE_FIELDS, "deal"), "test", target,
        List.of(FieldValue.byCode("UTM_SOURCE", "google"), FieldValue.byId(555001, "spring-sale")),
        List.of("ringostat"));
  }

  public static Effect.NotifyIncomingCall notifyCall() {
    return new Effect.NotifyIncomingCall(EffectKey.of(CALL, EffectKind.NOTIFY), "test", PHONE,
        List.of(ANNA, SENIOR));
  }

  public static Plan plan(Effect... effects) {
    return Plan.of(CALL, Scenario.INBOUND_ANSWERED_NEW, List.of(effects), List.of());
  }

  public static EntityRef deal(long id) {
    return EntityRef.existing(EntityType.DEAL, id);
  }

  public static EntityRef contactRef(long id) {
    return EntityRef.existing(EntityType.CONTACT, id);
  }
}
