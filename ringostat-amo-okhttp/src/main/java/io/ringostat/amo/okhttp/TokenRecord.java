package io.ringostat.amo.okhttp;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * What the vault keeps for one account, in clear only inside the JVM: the current pair, the
 * refresh token before it, an unfinished refresh and a refusal. Immutable; {@link #toString()}
 * masks the tokens.
 */
record TokenRecord(TokenPair pair, Optional<String> previousRefresh,
    Optional<Instant> refreshStarted, Optional<String> refused) {
  private static final int VERSION = 1;

  static TokenRecord of(TokenPair pair) {
    return new TokenRecord(pair, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The record after {@code next} was saved: the current refresh token becomes the previous. */
  TokenRecord replacedBy(TokenPair next) {
    Optional<String> previous = next.refreshToken().equals(pair.refreshToken())
        ? previousRefresh : Optional.of(pair.refreshToken());
    return new TokenRecord(next, previous, Optional.empty(), Optional.empty());
  }

  TokenRecord started(Instant at) {
    return new TokenRecord(pair, previousRefresh, Optional.of(at), refused);
  }

  TokenRecord refusedBecause(String reason) {
    return new TokenRecord(pair, previousRefresh, refreshStarted, Optional.of(reason));
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeUTF(pair.accessToken());
      out.writeUTF(pair.refreshToken());
      out.writeLong(pair.expiresAt().toEpochMilli());
      optional(out, previousRefresh);
      out.writeLong(refreshStarted.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
      optional(out, refused);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode a token record", e);
    }
    return bytes.toByteArray();
  }

  static TokenRecord decode(String name, byte[] plain) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(plain))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new SecretStoreException("record '" + name + "' has token format " + version
            + "; this library reads " + VERSION);
      }
      TokenPair pair = new TokenPair(in.readUTF(), in.readUTF(),
          Instant.ofEpochMilli(in.readLong()));
      Optional<String> previous = optional(in);
      long started = in.readLong();
      Optional<String> refused = optional(in);
      return new TokenRecord(pair, previous, started == Long.MIN_VALUE ? Optional.empty()
          : Optional.of(Instant.ofEpochMilli(started)), refused);
    } catch (IOException | IllegalArgumentException e) {
      throw new SecretStoreException("record '" + name + "' does not hold a token pair ("
          + e.getClass().getSimpleName() + ")");
    }
  }

  private static void optional(DataOutputStream out, Optional<String> value) throws IOException {
    out.writeBoolean(value.isPresent());
    if (value.isPresent()) {
      out.writeUTF(value.get());
    }
  }

  private static Optional<String> optional(DataInputStream in) throws IOException {
    return in.readBoolean() ? Optional.of(in.readUTF()) : Optional.empty();
  }

  @Override
  public String toString() {
    return "TokenRecord[" + pair + ", previousRefresh=" + (previousRefresh.isPresent() ? "***"
        : "none") + ", refreshStarted=" + refreshStarted + ", refused=" + refused + "]";
  }
}
