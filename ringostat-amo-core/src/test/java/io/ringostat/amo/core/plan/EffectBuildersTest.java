package io.ringostat.amo.core.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.PhoneNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EffectBuildersTest {
  private static final EffectKey KEY = EffectKey.of("call-1", EffectKind.CREATE_UNSORTED);
  private static final PhoneNumber PHONE = new PhoneNumber("380441234567");
  private static final Instant AT = Instant.parse("2024-05-06T09:00:00Z");

  @Test
  void unsortedBuilderKeepsDealAndContactListsApart() {
    Effect.CreateUnsorted built = Effect.CreateUnsorted.builder()
        .key(KEY).reason("why").callId("call-1").phone(PHONE).calledAt(AT)
        .duration(Duration.ofSeconds(30)).responsibleUserId(7).contactName("c").dealName("d")
        .fields(List.of(FieldValue.byCode("UTM_SOURCE", "google")))
        .contactFields(List.of(FieldValue.byId(5, "x")))
        .tags(List.of("deal-tag")).contactTags(List.of("contact-tag")).source("ringostat")
        .build();

    assertThat(built).isEqualTo(new Effect.CreateUnsorted(KEY, "why", "call-1", PHONE,
        Optional.empty(), AT, Duration.ofSeconds(30), Optional.empty(), 7, "c", "d",
        List.of(FieldValue.byCode("UTM_SOURCE", "google")), List.of("deal-tag"),
        List.of(FieldValue.byId(5, "x")), List.of("contact-tag"), "ringostat"));
  }

  @Test
  void buildNamesEveryMissingRequiredField() {
    assertThatThrownBy(() -> Effect.RecordCall.builder().key(KEY).reason("why").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Cannot build RecordCall: set target, direction, uniq, phone, duration, "
            + "status, result, responsibleUserId, calledAt, source on the builder");
  }

  @Test
  void optionalAndListFieldsDefaultToEmpty() {
    Effect.CreateTask task = Effect.CreateTask.builder().key(KEY).reason("why")
        .assigneeUserId(1).taskTypeId(1).text("Call back").deadline(AT).build();
    Effect.CreateContact contact = Effect.CreateContact.builder().key(KEY).reason("why")
        .name("n").phone(PHONE).responsibleUserId(1).build();

    assertThat(task.target()).isEmpty();
    assertThat(contact.fields()).isEmpty();
    assertThat(contact.tags()).isEmpty();
  }
}
