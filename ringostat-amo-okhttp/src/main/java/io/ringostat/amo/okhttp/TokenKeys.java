package io.ringostat.amo.okhttp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys that seal the secrets the SDK stores (tokens, client secrets): AES-256-GCM from the
 * JDK, one <em>current</em> key that seals every write and any number of <em>retired</em> keys that
 * only open records written before a rotation. Each record carries the id of the key that sealed
 * it, and a fresh random 96-bit nonce; the record's name is authenticated with it, so a record
 * copied under another name (another account) does not open.
 *
 * <p>The host provides the keys (e.g. from a secrets manager or an environment variable, 32
 * random bytes each: {@code openssl rand -base64 32}); the SDK never writes them anywhere.
 * Rotation: add the new key as current and the old one as retired, then call {@link
 * SecretVault#reseal()} (or let every read re-seal lazily); when it reports nothing left under the
 * old key, drop the old key. See {@code docs/install.md}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows key ids only.
 *
 * <pre>{@code
 * TokenKeys keys = TokenKeys.builder()
 *     .current("2026-12", Base64.getDecoder().decode(System.getenv("AMO_KEY_2026_12")))
 *     .retired("2026-06", Base64.getDecoder().decode(System.getenv("AMO_KEY_2026_06")))
 *     .build();
 * }</pre>
 */
public final class TokenKeys {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");
  private static final byte[] MAGIC = {'R', 'A', 1};
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final String AAD_PREFIX = "ringostat-amo/sealed/v1/";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String currentId;
  private final Map<String, SecretKeySpec> keys;

  private TokenKeys(Builder b) {
    this.currentId = b.currentId;
    this.keys = Map.copyOf(b.keys);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The id of the key new records are sealed with. */
  public String currentId() {
    return currentId;
  }

  /** Encrypts {@code plain} for the record {@code name} under the current key. */
  byte[] seal(String name, byte[] plain) {
    byte[] id = currentId.getBytes(StandardCharsets.US_ASCII);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.get(currentId), new GCMParameterSpec(TAG_BITS, nonce));
      c.updateAAD(aad(name));
      byte[] sealed = c.doFinal(plain);
      return ByteBuffer.allocate(MAGIC.length + 1 + id.length + NONCE_BYTES + sealed.length)
          .put(MAGIC).put((byte) id.length).put(id).put(nonce).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available in this JVM: "
          + e.getClass().getSimpleName(), e);
    }
  }

  /** The id of the key that sealed {@code sealed}. */
  static String keyIdOf(String name, byte[] sealed) {
    if (sealed.length < MAGIC.length + 2 || sealed[0] != MAGIC[0] || sealed[1] != MAGIC[1]
        || sealed[2] != MAGIC[2]) {
      throw new SecretStoreException("record '" + name + "' is not a sealed record of this SDK"
          + " (unknown format)");
    }
    int length = sealed[3] & 0xff;
    if (sealed.length < 4 + length + NONCE_BYTES + TAG_BITS / 8) {
      throw new SecretStoreException("record '" + name + "' is truncated");
    }
    return new String(sealed, 4, length, StandardCharsets.US_ASCII);
  }

  /**
   * Decrypts a record sealed by {@link #seal} under any key this ring holds.
   *
   * @throws SecretStoreException naming the record and key id (never the content) when the key is
   *     missing or the record fails authentication
   */
  byte[] open(String name, byte[] sealed) {
    String id = keyIdOf(name, sealed);
    SecretKeySpec key = keys.get(id);
    if (key == null) {
      throw new SecretStoreException("record '" + name + "' is sealed with key '" + id
          + "', which the TokenKeys given do not hold (keys: " + keys.keySet()
          + "); add it as a retired key");
    }
    int offset = 4 + id.length();
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, offset,
          NONCE_BYTES));
      c.updateAAD(aad(name));
      return c.doFinal(sealed, offset + NONCE_BYTES, sealed.length - offset - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new SecretStoreException("record '" + name + "' failed authentication with key '"
          + id + "': it was altered, belongs to another name, or the key is wrong");
    } catch (GeneralSecurityException e) {
      throw new SecretStoreException("record '" + name + "' cannot be opened: "
          + e.getClass().getSimpleName());
    }
  }

  private static byte[] aad(String name) {
    return (AAD_PREFIX + name).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "TokenKeys[current=" + currentId + ", keys=" + keys.keySet() + "]";
  }

  /** Builds {@link TokenKeys}; exactly one current key is required. Not thread-safe. */
  public static final class Builder {
    private String currentId;
    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The key every new record is sealed with.
     *
     * @param id 1 to 32 of {@code A-Z a-z 0-9 . _ -}; stored in clear with each record
     * @param key 32 bytes (AES-256); copied
     */
    public Builder current(String id, byte[] key) {
      if (currentId != null) {
        throw new IllegalStateException("current: already set to '" + currentId
            + "'; add older keys with retired(..)");
      }
      add(id, key);
      this.currentId = id;
      return this;
    }

    /** A key that only opens records sealed before a rotation. Same rules as {@link #current}. */
    public Builder retired(String id, byte[] key) {
      add(id, key);
      return this;
    }

    private void add(String id, byte[] key) {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(key, "key");
      if (!ID.matcher(id).matches()) {
        throw new IllegalArgumentException("key id: 1 to 32 of A-Z a-z 0-9 . _ -");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException("key '" + id + "': must be 32 bytes (AES-256), was "
            + key.length + " (e.g. `openssl rand -base64 32`, then Base64-decode)");
      }
      if (keys.containsKey(id)) {
        throw new IllegalArgumentException("key id '" + id + "' given twice");
      }
      keys.put(id, new SecretKeySpec(key.clone(), "AES"));
    }

    /** @throws IllegalStateException without a current key */
    public TokenKeys build() {
      if (currentId == null) {
        throw new IllegalStateException("current: a current key is required");
      }
      return new TokenKeys(this);
    }

    @Override
    public String toString() {
      return "TokenKeys.Builder[keys=" + keys.keySet() + "]";
    }
  }
}
