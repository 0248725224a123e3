package io.ringostat.amo.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.json.CallEventJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallsFileTest {
  private static final String EVENT = "{\"call_id\":\"c-%s\",\"phase\":\"RINGING\","
      + "\"direction\":\"INBOUND\",\"client_phone\":\"+380671234567\","
      + "\"started_at\":\"2026-11-25T09:02:11+02:00\"}";

  private static List<CallsFile.Line> read(byte[]... parts) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return CallsFile.read(new ByteArrayInputStream(b.toByteArray()));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void linesAreNumberedAcrossBlankCrlfInvalidAndUnterminatedLines() throws IOException {
    List<CallsFile.Line> lines = read(
        utf8("\uFEFF" + EVENT.formatted("1") + "\r\n"),   // 1: BOM and CRLF
        utf8("\n"),                                       // 2: blank
        utf8(EVENT.formatted("\u00e9")), new byte[] {'\n'}, // 3: é in UTF-8
        utf8("{\"call_id\":\"c-"), new byte[] {(byte) 0xE9}, utf8("\"}\n"), // 4: é in Latin-1
        utf8(EVENT.formatted("5")));                      // 5: no final newline

    assertThat(lines).extracting(CallsFile.Line::number).containsExactly(1, 3, 4, 5);
    assertThat(lines.get(0).event().orElseThrow().callId()).isEqualTo("c-1");
    assertThat(lines.get(1).event().orElseThrow().callId()).isEqualTo("c-\u00e9");
    assertThat(lines.get(2).event()).isEmpty();
    assertThat(lines.get(2).error().orElseThrow())
        .hasMessageContaining("not valid UTF-8 (byte 15 of the line)");
    assertThat(lines.get(3).event().orElseThrow().callId()).isEqualTo("c-5");
  }

  @Test
  void aRunawayLineIsMalformedAndTheNextLineStillReads() throws IOException {
    byte[] huge = new byte[CallEventJson.MAX_LINE_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) 'x');

    List<CallsFile.Line> lines = read(huge, utf8("\n" + EVENT.formatted("2") + "\n"));

    assertThat(lines).extracting(CallsFile.Line::number).containsExactly(1, 2);
    assertThat(lines.get(0).error().orElseThrow())
        .hasMessageContaining("the line is " + huge.length + " bytes long");
    assertThat(lines.get(1).event()).isPresent();
  }
}
