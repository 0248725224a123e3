package io.ringostat.amo.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Templates fail at construction on unknown placeholders and render values literally (R-LANG). */
class MessageTemplateTest {

  @Test
  @DisplayName("R-LANG an unknown placeholder is an IllegalArgumentException at construction")
  void unknownPlaceholderAtConstruction() {
    assertThatThrownBy(() -> MessageTemplate.of(MessageKey.TASK_MISSED_CALL,
        "Call {client} back at {time}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task-missed-call")
        .hasMessageContaining("unknown placeholder {client}")
        .hasMessageContaining("unknown placeholder {time}")
        .hasMessageContaining("known: client_phone, employee_name");
    assertThatThrownBy(() -> MessageTemplate.of(MessageKey.RESULT_TALKED, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be blank");
  }

  @Test
  @DisplayName("R-LANG values are inserted literally, never expanded again")
  void valuesAreLiteral() {
    MessageTemplate t = MessageTemplate.of(MessageKey.RESULT_UNKNOWN_ENDPOINT,
        "On {endpoint} for {client_phone}");
    assertThat(t.render(Map.of("endpoint", "{client_phone}", "client_phone", "$1 \\ {x}")))
        .isEqualTo("On {client_phone} for $1 \\ {x}");
    assertThat(t.placeholders()).containsExactly("endpoint", "client_phone");
  }

  @Test
  @DisplayName("R-LANG braces that are no placeholder stay as they are")
  void literalBraces() {
    MessageTemplate t = MessageTemplate.of(MessageKey.RESULT_TALKED, "a {} b { c } d {");
    assertThat(t.placeholders()).isEmpty();
    assertThat(t.render(Map.of())).isEqualTo("a {} b { c } d {");
    assertThat(MessageTemplate.of(MessageKey.CONTACT_NAME, "{{client_phone}}")
        .render(Map.of("client_phone", "1"))).isEqualTo("{1}");
  }

  @Test
  @DisplayName("R-LANG a missing value is a clear error naming the placeholder")
  void missingValue() {
    MessageTemplate t = MessageTemplate.of(MessageKey.CONTACT_NAME, "{client_phone} ({pool})");
    assertThatThrownBy(() -> t.render(Map.of("client_phone", "1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{pool}");
  }

  @Test
  @DisplayName("R-LANG keys have stable ids")
  void keyIds() {
    for (MessageKey k : MessageKey.values()) {
      assertThat(MessageKey.byId(k.id())).contains(k);
      assertThat(k.id()).matches("[a-z]+(-[a-z]+)*");
    }
    assertThat(MessageKey.byId("nope")).isEmpty();
    assertThat(MessageKey.CALLBACK_COMPLETED.placeholders()).endsWith("time");
    assertThat(MessageKey.TALK_DURATION.placeholders()).endsWith("duration");
    assertThat(MessageKey.RESULT_CALLED_BY_NOT_RESPONSIBLE.placeholders()).endsWith("responsible");
  }
}
