package io.ringostat.amo.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks amoCRM's disconnect hook call: {@code signature} must be the hex HMAC-SHA256 of {@code
 * client_uuid + "|" + account_id} keyed with the integration's client secret, and {@code
 * client_uuid} must be this integration's id (docs/install.md records where this comes from and
 * what is unconfirmed). Compared in constant time. Thread-safe; holds the secret, never shows it.
 */
final class DisconnectSignature {
  private final byte[] clientId;
  private final SecretKeySpec key;

  DisconnectSignature(String clientId, String clientSecret) {
    this.clientId = clientId.getBytes(StandardCharsets.UTF_8);
    this.key = new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  boolean isOurs(String clientUuid) {
    return clientUuid != null
        && MessageDigest.isEqual(clientId, clientUuid.getBytes(StandardCharsets.UTF_8));
  }

  boolean verify(String clientUuid, String accountId, String signature) {
    if (signature == null || clientUuid == null || accountId == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] expected = HexFormat.of().formatHex(mac.doFinal((clientUuid + "|" + accountId)
          .getBytes(StandardCharsets.UTF_8))).getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected,
          signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "DisconnectSignature[***]";
  }
}
