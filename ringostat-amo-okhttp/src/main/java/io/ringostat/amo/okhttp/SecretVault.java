package io.ringostat.amo.okhttp;

import io.ringostat.amo.core.spi.SealedRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SDK's encrypted store of secrets: each account's OAuth token pair ({@link #tokenStore}) and
 * integrations' client secrets, sealed with {@link TokenKeys} (AES-256-GCM) before they reach the
 * {@link SealedRecords} underneath (the SQLite or PostgreSQL journal modules' record stores), so
 * the files and tables never hold a secret in clear.
 *
 * <p>Reading a record sealed with a retired key re-seals it with the current key; {@link #reseal()}
 * does it for every record at once (key rotation, {@code docs/install.md}).
 *
 * <p>Thread-safe; the stores of one account are serialized in this JVM. Across processes, only the
 * account's lease holder should refresh (see {@link TokenStore}). Nothing secret appears in its
 * exceptions, logs or {@link #toString()}.
 *
 * <pre>{@code
 * SecretVault vault = SecretVault.open(SqliteSecretRecords.open(dir), keys);
 * vault.saveClientSecret(clientId, secret);
 * OAuthCredentials c = OAuthCredentials.builder().clientId(clientId)
 *     .clientSecret(vault.clientSecret(clientId).orElseThrow()).redirectUri(uri)
 *     .tokenStore(vault.tokenStore("acme")).build();
 * }</pre>
 */
public final class SecretVault {
  private static final Logger LOG = LoggerFactory.getLogger(SecretVault.class);
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  static final String TOKENS = "tokens/";
  static final String CLIENT_SECRET = "client-secret/";

  private final SealedRecords records;
  private final TokenKeys keys;
  private final Clock clock;
  private final ConcurrentHashMap<String, Store> stores = new ConcurrentHashMap<>();

  private SecretVault(SealedRecords records, TokenKeys keys, Clock clock) {
    this.records = records;
    this.keys = keys;
    this.clock = clock;
  }

  /** A vault over {@code records}, sealing with {@code keys}. Reads nothing yet. */
  public static SecretVault open(SealedRecords records, TokenKeys keys) {
    return open(records, keys, Clock.systemUTC());
  }

  /** As {@link #open(SealedRecords, TokenKeys)}, stamping unfinished refreshes with {@code clock}. */
  public static SecretVault open(SealedRecords records, TokenKeys keys, Clock clock) {
    return new SecretVault(Objects.requireNonNull(records, "records"),
        Objects.requireNonNull(keys, "keys"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The token store of {@code accountId} (the same object for the same id). Its {@code load}
   * answers null until a pair is saved.
   *
   * @param accountId 1 to 100 of {@code A-Z a-z 0-9 . _ -}
   */
  public TokenStore tokenStore(String accountId) {
    String name = TOKENS + requireId(accountId, "accountId");
    return stores.computeIfAbsent(name, Store::new);
  }

  /** Whether a token pair is stored for {@code accountId}. */
  public boolean hasTokens(String accountId) {
    return records.read(TOKENS + requireId(accountId, "accountId")).isPresent();
  }

  /** Deletes the account's tokens (after an uninstall they are worthless); true if there were. */
  public boolean forgetTokens(String accountId) {
    String name = TOKENS + requireId(accountId, "accountId");
    synchronized (tokenStore(accountId)) {
      return records.delete(name);
    }
  }

  /** Seals and stores an integration's client secret. */
  public void saveClientSecret(String clientId, String secret) {
    Objects.requireNonNull(secret, "secret");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("secret: must not be blank");
    }
    String name = CLIENT_SECRET + requireId(clientId, "clientId");
    records.write(name, keys.seal(name, secret.getBytes(StandardCharsets.UTF_8)));
  }

  /** The client secret stored for {@code clientId}, if any. */
  public Optional<String> clientSecret(String clientId) {
    String name = CLIENT_SECRET + requireId(clientId, "clientId");
    return openRecord(name).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /**
   * Re-seals with the current key every record sealed with another one (after a rotation).
   *
   * @return how many records were re-sealed; 0 means no record needs a retired key any more
   */
  public int reseal() {
    int count = 0;
    for (String name : records.names()) {
      Optional<byte[]> sealed = records.read(name);
      if (sealed.isEmpty() || TokenKeys.keyIdOf(name, sealed.get()).equals(keys.currentId())) {
        continue;
      }
      Object lock = name.startsWith(TOKENS) ? stores.computeIfAbsent(name, Store::new) : this;
      synchronized (lock) {
        Optional<byte[]> again = records.read(name);
        if (again.isPresent()
            && !TokenKeys.keyIdOf(name, again.get()).equals(keys.currentId())) {
          records.write(name, keys.seal(name, keys.open(name, again.get())));
          count++;
        }
      }
    }
    LOG.info("re-sealed {} secret record(s) with key {}", count, keys.currentId());
    return count;
  }

  /** Opens a record, re-sealing it with the current key when a retired one sealed it. */
  private Optional<byte[]> openRecord(String name) {
    Optional<byte[]> sealed = records.read(name);
    if (sealed.isEmpty()) {
      return Optional.empty();
    }
    byte[] plain = keys.open(name, sealed.get());
    if (!TokenKeys.keyIdOf(name, sealed.get()).equals(keys.currentId())) {
      records.write(name, keys.seal(name, plain));
      LOG.info("secret record {} re-sealed with key {}", name, keys.currentId());
    }
    return Optional.of(plain);
  }

  private static String requireId(String id, String what) {
    Objects.requireNonNull(id, what);
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException(what + ": 1 to 100 of A-Z a-z 0-9 . _ -");
    }
    return id;
  }

  @Override
  public String toString() {
    return "SecretVault[" + keys + "]";
  }

  /** One account's token store; its methods are serialized on itself. */
  private final class Store implements TokenStore {
    private final String name;

    Store(String name) {
      this.name = name;
    }

    private Optional<TokenRecord> record() {
      return openRecord(name).map(b -> TokenRecord.decode(name, b));
    }

    private void write(TokenRecord r) {
      records.write(name, keys.seal(name, r.encode()));
    }

    @Override
    public synchronized TokenPair load() {
      return record().map(TokenRecord::pair).orElse(null);
    }

    @Override
    public synchronized void save(TokenPair pair) {
      Objects.requireNonNull(pair, "pair");
      write(record().map(r -> r.replacedBy(pair)).orElseGet(() -> TokenRecord.of(pair)));
    }

    @Override
    public synchronized void refreshStarted(TokenPair current) {
      Optional<TokenRecord> r = record();
      if (r.isPresent() && r.get().pair().refreshToken().equals(current.refreshToken())) {
        write(r.get().started(Instant.now(clock)));
      }
    }

    @Override
    public synchronized void refreshRefused(TokenPair current, String reason) {
      Optional<TokenRecord> r = record();
      if (r.isPresent() && r.get().pair().refreshToken().equals(current.refreshToken())) {
        write(r.get().refusedBecause(reason));
      }
    }

    @Override
    public synchronized boolean isRefused(TokenPair pair) {
      Optional<TokenRecord> r = record();
      return r.isPresent() && r.get().refused().isPresent()
          && r.get().pair().refreshToken().equals(pair.refreshToken());
    }

    @Override
    public synchronized Optional<Instant> unfinishedRefresh() {
      return record().flatMap(TokenRecord::refreshStarted);
    }

    @Override
    public synchronized Optional<String> previousRefreshToken() {
      return record().flatMap(TokenRecord::previousRefresh);
    }

    @Override
    public String toString() {
      return "TokenStore[" + name + ", sealed]";
    }
  }

  /** The names of the records (for tests and tools). */
  List<String> names() {
    return records.names();
  }
}
