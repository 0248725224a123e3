package io.ringostat.amo.asterisk;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One AMI message: an ordered list of {@code Key: Value} headers, as framed on the wire by a blank
 * line. Keys match case-insensitively (Asterisk treats them so); a key may repeat ({@code
 * ChanVariable}), and {@link #get} returns the first.
 *
 * <p>Immutable. {@link #toString()} masks {@code Secret} and {@code Key} headers.
 */
final class AmiMessage {
  record Header(String key, String value) {}

  private final List<Header> headers;

  AmiMessage(List<Header> headers) {
    this.headers = List.copyOf(headers);
  }

  /** A message from alternating keys and values. */
  static AmiMessage of(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must pair up");
    }
    List<Header> list = new ArrayList<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      list.add(new Header(keysAndValues[i], keysAndValues[i + 1]));
    }
    return new AmiMessage(list);
  }

  List<Header> headers() {
    return headers;
  }

  Optional<String> get(String key) {
    for (Header h : headers) {
      if (h.key().equalsIgnoreCase(key)) {
        return Optional.of(h.value());
      }
    }
    return Optional.empty();
  }

  /** The value, or "" when absent. */
  String value(String key) {
    return get(key).orElse("");
  }

  /** The {@code Event} header, or "" for responses. */
  String event() {
    return value("Event");
  }

  boolean isResponse() {
    return get("Response").isPresent();
  }

  /**
   * The {@code Timestamp} header Asterisk adds with {@code timestampevents=yes} ({@code
   * seconds.micros}), if present and well-formed.
   */
  Optional<Instant> timestamp() {
    return get("Timestamp").flatMap(t -> {
      try {
        BigDecimal seconds = new BigDecimal(t.trim());
        long whole = seconds.longValue();
        long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
        return Optional.of(Instant.ofEpochSecond(whole, nanos));
      } catch (NumberFormatException | ArithmeticException e) {
        return Optional.empty();
      }
    });
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("AmiMessage{");
    for (Header h : headers) {
      boolean secret = h.key().equalsIgnoreCase("Secret") || h.key().equalsIgnoreCase("Key");
      sb.append(h.key()).append(": ").append(secret ? "***" : h.value()).append("; ");
    }
    return sb.append('}').toString();
  }
}
