package io.ringostat.amo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.it.support.CrmAudit;
import io.ringostat.amo.it.support.Fixtures;
import io.ringostat.amo.it.support.Traffic;
import io.ringostat.amo.journal.postgres.PostgresJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.testkit.AmoEmulator;
import io.ringostat.amo.testkit.FaultKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (R-FLEET): three processes ({@link FleetChild}, real child JVMs) share 50 accounts
 * through leases in a real PostgreSQL; each account's amoCRM is an emulator in this process. A
 * stream of calls goes to whichever process owns each account, while processes are killed
 * ({@code destroyForcibly}) and restarted, and one is paused ({@code kill -STOP}) past its leases'
 * ttl and then resumed ({@code kill -CONT}). At the end:
 *
 * <ul>
 *   <li>every event sent was journaled once and delivered, and every account's CRM equals a run of
 *       the same calls in one process without faults: nothing lost, no duplicate contact, deal,
 *       call record, task or unsorted request;
 *   <li>no account was ever served by two processes at once: a trigger logs, in commit order, the
 *       fencing token of every journal row written, and per account the tokens never go down
 *       (no write of an old owner after a new owner's write).
 * </ul>
 *
 * <p>Needs {@code RINGOSTAT_PG_URL} (as {@code .ci/run} sets it); skipped without it. {@code
 * -Dfleet.large=true} runs a longer stream with more kills; {@code -Dfleet.seed=<seed>} replays
 * the traffic and the choice of victims. Takeover times are printed.
 */
class FleetTest {
  static final int ACCOUNTS = 50;
  static final int PROCESSES = 3;
  /**
   * Short enough for a quick test, long enough that a busy CI machine (load far above its cores)
   * renews in time: a lease lost to a starved renewal is safe but makes accounts change hands.
   */
  static final Duration TTL = Duration.ofSeconds(8);
  static final Duration RENEW = Duration.ofSeconds(2);

  @Test
  @Timeout(value = 600, unit = TimeUnit.SECONDS)
  @DisplayName("R-FLEET R-ONCE 3 processes, 50 accounts, kills and a pause past the lease: every"
      + " event applied once, no account served by two processes at once")
  void aFleetSurvivesKillsAndAPause(@TempDir Path tmp) throws Exception {
    String url = System.getenv("RINGOSTAT_PG_URL");
    Assumptions.assumeTrue(url != null && !url.isBlank(), "FleetTest needs PostgreSQL: run"
        + " `export RINGOSTAT_PG_URL=$(bin/postgres-for-tests)` first (.ci/run does)");
    boolean large = Fixtures.flag("fleet.large");
    long seed = Fixtures.seed("fleet.seed", System.nanoTime());
    System.out.println("FleetTest seed " + seed + " (replay with -Dfleet.seed=" + seed + ")");
    int callsPerAccount = large ? 24 : 8;
    Duration stream = large ? Duration.ofSeconds(180) : Duration.ofSeconds(40);
    SplittableRandom random = new SplittableRandom(seed);
    IntegrationSettings settings = CrashChild.settings("RECOMMENDED");
    String schema = "fleet_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    PostgresJournal.Options options = PostgresJournal.Options.builder().schema(schema).build();
    long started = System.nanoTime();

    // Every account gets the same calls (each on its own emulator), so one reference run in this
    // process tells what each account's CRM must hold.
    List<String> ids = new ArrayList<>();
    List<Traffic> traffic = new ArrayList<>();
    Traffic calls = Traffic.generate(seed, 4, 2, callsPerAccount, CrashRestartTest.START);
    CrmAudit reference = CrashRestartTest.reference(calls, settings);
    List<CrmAudit> expected = new ArrayList<>();
    for (int i = 0; i < ACCOUNTS; i++) {
      ids.add(String.format("acc-%02d", i));
      traffic.add(calls);
      expected.add(reference);
    }
    List<AmoEmulator> crms = new ArrayList<>();
    try (HikariDataSource pool = PostgresJournal.pool(url, null, null, 4)) {
      for (String id : ids) {
        PostgresJournal.open(pool, id, options).close(); // migrates once, registers the account
      }
      logFences(pool, schema);
      StringBuilder accountsFile = new StringBuilder();
      for (int i = 0; i < ACCOUNTS; i++) {
        AmoEmulator.Builder b = Fixtures.emulator(settings).seed(seed + i);
        traffic.get(i).seed(b);
        AmoEmulator amo = b.start();
        crms.add(amo);
        amo.faults().latency(Duration.ofMillis(5));
        amo.faults().random(0.02, EnumSet.of(FaultKind.DISCONNECT_AFTER_APPLY), "/api/v4/");
        accountsFile.append(ids.get(i)).append(' ').append(amo.baseUrl()).append(' ')
            .append(amo.token()).append('\n');
      }
      Path accounts = tmp.resolve("accounts.txt");
      Files.writeString(accounts, accountsFile);

      Path logs = Files.createDirectories(Path.of("target", "fleet-logs", schema));
      Fleet fleet = new Fleet(url, schema, accounts, logs);
      try {
        long startAt = System.nanoTime();
        fleet.startAll();
        System.out.printf("FleetTest: references and emulators %.1f s, %d processes started in"
            + " %.1f s%n", (startAt - started) / 1e9, PROCESSES,
            (System.nanoTime() - startAt) / 1e9);
        await("every account served", Duration.ofSeconds(90),
            () -> fleet.active() == ACCOUNTS);
        System.out.printf("FleetTest: every account served after %.1f s; leases: %s%n",
            (System.nanoTime() - startAt) / 1e9, leases(pool, schema));
        Sender sender = new Sender(fleet, ids, traffic, stream, seed);
        Thread senders = new Thread(sender::run, "fleet-senders");
        senders.start();
        List<Long> takeovers = chaos(fleet, pool, schema, stream, large, random);
        senders.join(TimeUnit.SECONDS.toMillis(stream.toSeconds() + 240));
        assertThat(sender.errors).as("every event accepted by some process").isEmpty();
        await("nothing pending", Duration.ofSeconds(90),
            () -> query(pool, "SELECT count(*) FROM " + schema + ".entries"
                + " WHERE state = 'PENDING'") == 0);

        // Each event journaled once and delivered; the CRM as without faults.
        int events = traffic.stream().mapToInt(t -> t.events().size()).sum();
        assertThat(query(pool, "SELECT count(*) FROM " + schema + ".entries"))
            .as("every event journaled once").isEqualTo(events);
        assertThat(query(pool, "SELECT count(*) FROM " + schema + ".entries"
            + " WHERE state = 'FAILED'")).as("nothing failed").isZero();
        int lost = 0;
        int duplicates = 0;
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
          CrmAudit actual = CrmAudit.of(crms.get(i), traffic.get(i));
          duplicates += actual.duplicateContacts + actual.duplicateDeals
              + actual.duplicateRecords + actual.duplicateTasks + actual.duplicateUnsorted;
          lost += (int) (actual.missingRecords(expected.get(i))
              + actual.missingTasks(expected.get(i)));
          String id = ids.get(i);
          actual.differencesFrom(expected.get(i)).forEach(d -> differences.add(id + " " + d));
        }
        FenceCheck fences = FenceCheck.of(pool, schema);
        System.out.printf("FleetTest: %d accounts, %d calls, %d events over %d processes; %d"
                + " kills, %d pause(s); takeover (kill or pause -> all its accounts served"
                + " elsewhere) %s ms; longest an account refused events %d ms (median of"
                + " outages %d ms); %d fenced writes, %d accounts changed hands %d times; %d"
                + " process starts; %.1f s%n", ACCOUNTS,
            traffic.stream().mapToInt(t -> t.calls().size()).sum(), events, PROCESSES,
            fleet.kills.get(), fleet.pauses.get(), takeovers, sender.longestOutage(),
            sender.medianOutage(), fences.writes, fences.accountsTakenOver, fences.handovers,
            fleet.starts.get(), (System.nanoTime() - started) / 1e9);
        assertThat(lost).as("calls lost").isZero();
        assertThat(duplicates).as("duplicate contacts, deals, records, tasks, requests").isZero();
        assertThat(differences).as("each CRM equals a run without faults (seed " + seed + ")")
            .isEmpty();
        assertThat(fences.backwards).as("writes under an older fence after a newer one: an"
            + " account served by two processes at once").isEmpty();
        assertThat(fences.unfenced).as("rows written without a fence").isZero();
        assertThat(fences.handovers).as("accounts changed hands").isPositive();
        assertThat(fleet.kills.get()).isGreaterThanOrEqualTo(2);
        assertThat(fleet.pauses.get()).isGreaterThanOrEqualTo(1);
      } finally {
        fleet.close();
      }
    } finally {
      crms.forEach(AmoEmulator::close);
      dropSchema(url, schema);
    }
  }

  /**
   * Kills and pauses processes while the stream runs; returns each takeover time: from the kill
   * (or pause) to the moment none of the victim's accounts is leased to it any more.
   */
  private static List<Long> chaos(Fleet fleet, HikariDataSource pool, String schema,
      Duration stream, boolean large, SplittableRandom random) throws Exception {
    List<Long> takeovers = new ArrayList<>();
    List<String> plan = large
        ? List.of("kill", "kill", "pause", "kill", "kill", "pause", "kill", "kill")
        : List.of("kill", "pause", "kill");
    long step = stream.toMillis() / (plan.size() + 1);
    for (String what : plan) {
      Thread.sleep(step / 2 + random.nextLong(step / 2));
      int victim = fleet.busiest(pool, schema, random);
      String owner = fleet.owner(victim);
      long t0 = System.nanoTime();
      System.out.printf("FleetTest: %s process %d (%s) at %d ms%n", what, victim, owner,
          (t0 - fleet.epoch) / 1_000_000);
      if (what.equals("kill")) {
        fleet.kill(victim);
      } else {
        fleet.signal(victim, "STOP");
      }
      try {
        await("the accounts of " + owner + " taken over", Duration.ofSeconds(60),
            () -> leasedTo(pool, schema, owner) == 0);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + " after " + what + "; leases: " + leases(pool,
            schema) + "; logs in " + fleet.tmp, e);
      }
      takeovers.add((System.nanoTime() - t0) / 1_000_000);
      if (what.equals("kill")) {
        Thread.sleep(500);
        fleet.start(victim);
      } else {
        Thread.sleep(RENEW.toMillis() * 2); // well past its leases' expiry
        fleet.signal(victim, "CONT");
        fleet.pauses.incrementAndGet();
      }
    }
    return takeovers;
  }

  private static String leases(HikariDataSource pool, String schema) {
    StringBuilder out = new StringBuilder();
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT lease_owner, lease_until > (extract(epoch from"
            + " clock_timestamp()) * 1000)::bigint, count(*) FROM " + schema + ".accounts"
            + " GROUP BY 1, 2 ORDER BY 1")) {
      while (r.next()) {
        out.append(r.getString(1)).append(r.getBoolean(2) ? " live " : " expired ")
            .append(r.getLong(3)).append("; ");
      }
    } catch (SQLException e) {
      out.append(e);
    }
    return out.toString();
  }

  private static long leasedTo(HikariDataSource pool, String schema, String owner) {
    try (Connection c = pool.getConnection();
        PreparedStatement p = c.prepareStatement("SELECT count(*) FROM " + schema
            + ".accounts WHERE lease_owner = ?")) {
      p.setString(1, owner);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Logs, for every row written to the journal's entries and effects, the account and the fence
   * it was written under, in the order the writes took the account's lock (a fenced write locks
   * the account's row first and holds it to commit, so per account the id is commit order).
   */
  private static void logFences(HikariDataSource pool, String schema) throws SQLException {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE " + schema + ".fence_log (id BIGSERIAL PRIMARY KEY,"
          + " account TEXT NOT NULL, fence BIGINT, tbl TEXT NOT NULL)");
      s.execute("CREATE FUNCTION " + schema + ".log_fence() RETURNS trigger LANGUAGE plpgsql AS"
          + " $$ BEGIN INSERT INTO " + schema + ".fence_log (account, fence, tbl)"
          + " VALUES (NEW.account, NEW.fence, TG_TABLE_NAME); RETURN NULL; END $$");
      for (String table : List.of("entries", "effects")) {
        s.execute("CREATE TRIGGER " + table + "_fence AFTER INSERT OR UPDATE ON " + schema + "."
            + table + " FOR EACH ROW EXECUTE FUNCTION " + schema + ".log_fence()");
      }
    }
  }

  /** What the fence log says. */
  record FenceCheck(long writes, long unfenced, List<String> backwards, long accountsTakenOver,
      long handovers) {
    static FenceCheck of(HikariDataSource pool, String schema) throws SQLException {
      long writes = 0;
      long unfenced = 0;
      List<String> backwards = new ArrayList<>();
      Map<String, Long> last = new HashMap<>();
      Map<String, Integer> changes = new HashMap<>();
      try (Connection c = pool.getConnection(); Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT account, fence, tbl, id FROM " + schema
              + ".fence_log ORDER BY id")) {
        while (r.next()) {
          writes++;
          String account = r.getString(1);
          long fence = r.getLong(2);
          if (r.wasNull()) {
            unfenced++;
            continue;
          }
          Long before = last.put(account, fence);
          if (before != null && fence < before) {
            backwards.add(account + ": " + r.getString(3) + " #" + r.getLong(4) + " under fence "
                + fence + " after fence " + before);
          } else if (before != null && fence > before) {
            changes.merge(account, 1, Integer::sum);
          }
        }
      }
      return new FenceCheck(writes, unfenced, backwards, changes.size(),
          changes.values().stream().mapToLong(Integer::longValue).sum());
    }
  }

  /** The child processes, by slot. */
  static final class Fleet implements AutoCloseable {
    final String url;
    final String schema;
    final Path accounts;
    final Path tmp;
    final AtomicReferenceArray<Child> slots = new AtomicReferenceArray<>(PROCESSES);
    final AtomicInteger kills = new AtomicInteger();
    final AtomicInteger pauses = new AtomicInteger();
    final AtomicInteger starts = new AtomicInteger();
    final long epoch = System.nanoTime();

    Fleet(String url, String schema, Path accounts, Path tmp) {
      this.url = url;
      this.schema = schema;
      this.accounts = accounts;
      this.tmp = tmp;
    }

    /** Starts every process at once (a JVM takes seconds to start on a busy machine). */
    void startAll() throws Exception {
      ExecutorService threads = Executors.newFixedThreadPool(PROCESSES);
      try {
        List<Future<?>> all = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
          int slot = p;
          all.add(threads.submit(() -> {
            start(slot);
            return null;
          }));
        }
        for (Future<?> f : all) {
          f.get();
        }
      } finally {
        threads.shutdownNow();
      }
    }

    void start(int slot) throws Exception {
      String classpath = System.getProperty("surefire.test.class.path",
          System.getProperty("java.class.path"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      Path err = tmp.resolve("child-" + slot + "-" + starts.incrementAndGet() + ".err");
      Process p = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
          "-Dorg.slf4j.simpleLogger.log.io.ringostat.amo.okhttp=error",
          "-cp", classpath, FleetChild.class.getName(),
          url, schema, accounts.toString(), String.valueOf(TTL.toMillis()),
          String.valueOf(RENEW.toMillis()))
          .redirectError(err.toFile())
          .start();
      Child child = new Child(p);
      if (!child.ready.await(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("child " + slot + " did not start: " + Files.readString(err));
      }
      slots.set(slot, child);
    }

    /** Accounts active in the processes now (a paused or dead one counts none). */
    long active() {
      long n = 0;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      for (int i = 0; i < PROCESSES; i++) {
        Child c = slots.get(i);
        try {
          n += Long.parseLong(http.send(HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + c.port + "/active"))
              .timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.ofString()).body().trim());
        } catch (IOException | RuntimeException e) {
          // not answering: counts none
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return n;
        }
      }
      return n;
    }

    String owner(int slot) {
      return slots.get(slot).owner;
    }

    /** A random process among those that hold the most accounts now. */
    int busiest(HikariDataSource pool, String schema, SplittableRandom random) {
      List<Integer> best = new ArrayList<>();
      long most = -1;
      for (int i = 0; i < PROCESSES; i++) {
        long n = leasedTo(pool, schema, owner(i));
        if (n > most) {
          most = n;
          best.clear();
        }
        if (n == most) {
          best.add(i);
        }
      }
      return best.get(random.nextInt(best.size()));
    }

    void kill(int slot) throws InterruptedException {
      Child c = slots.get(slot);
      c.process.destroyForcibly();
      c.process.waitFor(30, TimeUnit.SECONDS);
      kills.incrementAndGet();
    }

    void signal(int slot, String signal) throws Exception {
      long pid = slots.get(slot).process.pid();
      Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).start();
      assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
          .as("kill -" + signal + " " + pid).isTrue();
    }

    @Override
    public void close() {
      for (int i = 0; i < PROCESSES; i++) {
        Child c = slots.get(i);
        if (c != null) {
          c.process.destroyForcibly();
        }
      }
    }
  }

  /** A running {@link FleetChild}. */
  static final class Child {
    final Process process;
    final CountDownLatch ready = new CountDownLatch(1);
    volatile int port;
    volatile String owner;

    Child(Process process) {
      this.process = process;
      Thread reader = new Thread(this::read, "fleet-child-out");
      reader.setDaemon(true);
      reader.start();
    }

    private void read() {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.startsWith("READY ")) {
            String[] f = line.split(" ");
            port = Integer.parseInt(f[1]);
            owner = f[2];
            ready.countDown();
          }
        }
      } catch (IOException e) {
        // the process was killed
      }
    }
  }

  /**
   * Sends each account's events in order, pacing them over the stream's duration; each event goes
   * to the process that accepted the account's last event, else to the others in turn, until one
   * accepts it (journals it). An event whose answer was lost is simply sent again: the journal
   * answers DUPLICATE.
   */
  static final class Sender {
    final Fleet fleet;
    final List<String> ids;
    final List<Traffic> traffic;
    final Duration stream;
    final long seed;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
        .build();
    final List<String> errors = new CopyOnWriteArrayList<>();
    final List<Long> outages = new CopyOnWriteArrayList<>();
    final Map<String, Integer> preferred = new ConcurrentHashMap<>();

    Sender(Fleet fleet, List<String> ids, List<Traffic> traffic, Duration stream, long seed) {
      this.fleet = fleet;
      this.ids = ids;
      this.traffic = traffic;
      this.stream = stream;
      this.seed = seed;
    }

    void run() {
      ExecutorService threads = Executors.newFixedThreadPool(ids.size());
      try {
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
          int account = i;
          all.add(threads.submit(() -> sendAll(account)));
        }
        for (Future<?> f : all) {
          f.get();
        }
      } catch (Exception e) {
        errors.add(e.toString());
      } finally {
        threads.shutdownNow();
      }
    }

    private void sendAll(int account) {
      SplittableRandom random = new SplittableRandom(seed * 17 + account);
      List<CallEvent> events = traffic.get(account).events();
      long pace = stream.toMillis() / events.size();
      try {
        Thread.sleep(random.nextLong(pace));
        for (CallEvent e : events) {
          send(ids.get(account), CallEventJson.write(e));
          Thread.sleep(pace / 2 + random.nextLong(pace));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        errors.add(ids.get(account) + ": interrupted");
      } catch (RuntimeException e) {
        errors.add(ids.get(account) + ": " + e);
      }
    }

    private void send(String account, String json) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      long failingSince = 0;
      while (System.nanoTime() < deadline) {
        int first = preferred.getOrDefault(account, 0);
        for (int k = 0; k < PROCESSES; k++) {
          int slot = (first + k) % PROCESSES;
          if (accepted(slot, account, json)) {
            preferred.put(account, slot);
            if (failingSince != 0) {
              long ms = (System.nanoTime() - failingSince) / 1_000_000;
              outages.add(ms);
              if (ms > 2 * TTL.toMillis()) {
                System.out.printf("FleetTest: %s refused events for %d ms until %d ms%n", account,
                    ms, (System.nanoTime() - fleet.epoch) / 1_000_000);
              }
            }
            return;
          }
          if (failingSince == 0) {
            failingSince = System.nanoTime();
          }
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("no process accepted an event of " + account
          + " for 120 s");
    }

    private boolean accepted(int slot, String account, String json) throws InterruptedException {
      Child c = fleet.slots.get(slot);
      if (c == null || !c.process.isAlive()) {
        return false;
      }
      HttpRequest request = HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + c.port + "/handle?account=" + account))
          .timeout(Duration.ofSeconds(2))
          .POST(HttpRequest.BodyPublishers.ofString(json)).build();
      try {
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
      } catch (IOException e) {
        return false; // killed, paused or restarting: try another process
      }
    }

    long longestOutage() {
      return outages.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    long medianOutage() {
      List<Long> sorted = new ArrayList<>(outages);
      Collections.sort(sorted);
      return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }
  }

  private static long query(HikariDataSource pool, String sql) {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(String what, Duration timeout, java.util.function.BooleanSupplier ok)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ok.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      Thread.sleep(50);
    }
  }

  private static void dropSchema(String url, String schema) {
    try (HikariDataSource pool = PostgresJournal.pool(url, null, null, 2);
        Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    } catch (RuntimeException | SQLException e) {
      System.out.println("FleetTest: could not drop schema " + schema + ": " + e);
    }
  }
}
