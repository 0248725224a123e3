package io.ringostat.amo.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Task and record texts: {@code {name}} placeholders filled, everything else kept as written. */
class TemplatesTest {
  static final Map<String, String> VALUES = Map.of("client", "Anna", "phone", "+380441234567",
      "a", "1", "z", "26", "call_id", "c-1");

  @Covers("R-MATRIX")
  @ParameterizedTest(name = "''{0}'' -> ''{1}''")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "Call {client} back|Call Anna back",
      "{client}|Anna",
      "{client}{phone}|Anna+380441234567",
      "{a}{z}|126",
      "{call_id}|c-1",
      "{unknown} stays|{unknown} stays",
      "{}|{}",
      "{Client}|{Client}",
      "{cli ent}|{cli ent}",
      "{client|{client",
      "{|{",
      "x{|x{",
      "{{client}}|{Anna}",
      "{`}{a}|{`}1",
      "{a{}|{a{}",
      "no placeholders|no placeholders",
      "\"\"|\"\"",
  })
  void placeholders(String template, String expected) {
    assertThat(Templates.render(template, VALUES::get)).isEqualTo(expected);
  }

  @Test
  @DisplayName("R-MATRIX braces with no name between them stay text, even when every name has a"
      + " value")
  void emptyBracesStayText() {
    assertThat(Templates.render("{} and {x}", name -> "<" + name + ">")).isEqualTo("{} and <x>");
  }
}
