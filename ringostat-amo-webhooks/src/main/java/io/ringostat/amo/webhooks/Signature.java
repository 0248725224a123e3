package io.ringostat.amo.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 signatures of posted bodies: {@code X-Ringostat-Signature: sha256=<hex>} over the raw
 * body, or over {@code <timestamp>.<body>} when the sender also sends {@code
 * X-Ringostat-Timestamp: <unix seconds>}. Compared in constant time ({@link MessageDigest#isEqual}).
 * Thread-safe; {@link #toString()} never shows the secret.
 */
final class Signature {
  /** The header carrying the signature. */
  static final String HEADER = "X-Ringostat-Signature";
  /** The optional header carrying the sending time, in Unix seconds. */
  static final String TIMESTAMP_HEADER = "X-Ringostat-Timestamp";
  private static final String PREFIX = "sha256=";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  Signature(byte[] secret) {
    if (secret.length < 16) {
      throw new IllegalArgumentException("secret: at least 16 bytes (use 32 random bytes, e.g."
          + " `openssl rand -hex 32`)");
    }
    this.key = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** The header value for {@code body} (and {@code timestamp}, when present): {@code sha256=…}. */
  String sign(Optional<String> timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(timestamp, body));
  }

  /** True when {@code header} is {@code sha256=<hex>} of {@code body} (and {@code timestamp}). */
  boolean verify(String header, Optional<String> timestamp, byte[] body) {
    String h = header.trim();
    if (!h.toLowerCase(Locale.ROOT).startsWith(PREFIX)) {
      return false;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(h.substring(PREFIX.length()).toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      return false;
    }
    return MessageDigest.isEqual(given, mac(timestamp, body));
  }

  private byte[] mac(Optional<String> timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      timestamp.ifPresent(t -> mac.update((t + ".").getBytes(StandardCharsets.US_ASCII)));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "Signature[HmacSHA256, secret=***]";
  }
}
