package io.ringostat.amo.asterisk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link AmiReader}, {@link AmiWriter}, {@link AmiMessage}, {@link Backoff}, {@link ChannelNames}. */
class AmiFramingTest {
  static AmiReader reader(String text) {
    return new AmiReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsBannerThenBlankLineFramedMessages() throws IOException {
    AmiReader r = reader("Asterisk Call Manager/13.0.0\r\n"
        + "Response: Success\r\nMessage: Authentication accepted\r\n\r\n\r\n"
        + "Event: Hangup\nCallerIDName: Ivan: sales\nAccountCode: \nCause-txt: Normal Clearing\n\n");
    assertThat(r.readBanner()).isEqualTo("13.0.0");
    assertThat(r.readMessage()).get().satisfies(m -> {
      assertThat(m.isResponse()).isTrue();
      assertThat(m.value("message")).isEqualTo("Authentication accepted");
    });
    AmiMessage hangup = r.readMessage().orElseThrow();
    assertThat(hangup.event()).isEqualTo("Hangup");
    assertThat(hangup.value("CallerIDName")).isEqualTo("Ivan: sales");
    assertThat(hangup.get("AccountCode")).contains("");
    assertThat(r.readMessage()).isEmpty();
  }

  @Test
  void rejectsWhatIsNotAmi() {
    assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").readBanner())
        .isInstanceOf(AmiProtocolException.class).hasMessageContaining("Asterisk Call Manager");
    String longLine = "Event: " + "x".repeat(AmiReader.MAX_LINE_BYTES) + "\r\n\r\n";
    assertThatThrownBy(() -> reader(longLine).readMessage())
        .isInstanceOf(AmiProtocolException.class).hasMessageContaining("longer than");
  }

  @Test
  void aReadTimeoutMidMessageLosesNothing() throws IOException {
    byte[] first = "Event: Newchannel\r\nChan".getBytes(StandardCharsets.UTF_8);
    byte[] rest = "nel: PJSIP/ivan-0000001a\r\n\r\n".getBytes(StandardCharsets.UTF_8);
    InputStream in = new InputStream() {
      int pos;
      boolean timedOut;

      @Override
      public int read() throws IOException {
        if (pos < first.length) {
          return first[pos++];
        }
        if (!timedOut) {
          timedOut = true;
          throw new SocketTimeoutException("Read timed out");
        }
        int i = pos++ - first.length;
        return i < rest.length ? rest[i] : -1;
      }
    };
    AmiReader r = new AmiReader(in);
    assertThatThrownBy(r::readMessage).isInstanceOf(SocketTimeoutException.class);
    AmiMessage m = r.readMessage().orElseThrow();
    assertThat(m.value("Channel")).isEqualTo("PJSIP/ivan-0000001a");
  }

  @Test
  void writesCrlfFramedActionsAndRefusesHeaderInjection() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new AmiWriter(out).write(AmiMessage.of("Action", "Ping", "ActionID", "7"));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("Action: Ping\r\nActionID: 7\r\n\r\n");
    assertThatThrownBy(() -> new AmiWriter(out).write(
        AmiMessage.of("Action", "Login", "Username", "amo\r\nAction: Logoff")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void messageParsesTimestampAndMasksSecrets() {
    AmiMessage m = AmiMessage.of("Event", "Newchannel", "Timestamp", "1718010006.250000");
    assertThat(m.timestamp()).contains(Instant.parse("2024-06-10T09:00:06.250Z"));
    assertThat(AmiMessage.of("Timestamp", "soon").timestamp()).isEmpty();
    assertThat(AmiMessage.of("Action", "Login", "Secret", "s3cr3t").toString())
        .doesNotContain("s3cr3t").contains("Secret: ***");
  }

  @Test
  void backoffDoublesUpToTheCapAndJitterOnlyShortens() {
    Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.25, () -> 0.0);
    assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(b.delay(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.delay(10_000)).isEqualTo(Duration.ofSeconds(30));
    Backoff jittered = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.25, () -> 1.0);
    assertThat(jittered.delay(1)).isEqualTo(Duration.ofMillis(375));
  }

  @Test
  void endpointsFromChannelNames() {
    assertThat(ChannelNames.endpoint("PJSIP/ivan-0000001a")).isEqualTo("ivan");
    assertThat(ChannelNames.endpoint("SIP/101-00000002")).isEqualTo("101");
    assertThat(ChannelNames.endpoint("PJSIP/office-east-0000003f")).isEqualTo("office-east");
    assertThat(ChannelNames.endpoint("Local/101@from-queue-00000004;1")).isEqualTo("101");
    assertThat(ChannelNames.endpoint("IAX2/kyivstar-1234")).isEqualTo("kyivstar");
    assertThat(ChannelNames.tech("Local/101@from-queue-00000004;2")).isEqualTo("local");
  }

  @Test
  void configListsEveryProblem() {
    assertThatThrownBy(() -> AmiConfig.builder().port(0).jitter(2).trunkContexts(java.util.Set.of())
        .pingInterval(Duration.ZERO).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("host: required").hasMessageContaining("port: must be 1..65535")
        .hasMessageContaining("username: required").hasMessageContaining("secret: required")
        .hasMessageContaining("jitter").hasMessageContaining("pingInterval")
        .hasMessageContaining("trunkContexts/trunkEndpoints");
  }
}
