package io.ringostat.amo.asterisk;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.DoubleSupplier;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Settings of the AMI adapter: where Asterisk is, how to log in, how to tell inbound from outbound
 * calls, and the timing of reads, keep-alives and reconnection.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}; {@link Builder#build()} lists every
 * problem at once. The secret is never part of {@link #toString()}, logs or exception messages.
 *
 * <h2>Direction</h2>
 * A call is followed from its first channel (the one whose {@code Uniqueid} equals its {@code
 * Linkedid}). It is <b>inbound</b> when that channel comes from a trunk: its dialplan context is one
 * of {@link #trunkContexts()} or its endpoint is one of {@link #trunkEndpoints()}. It is
 * <b>outbound</b> when that channel is in one of {@link #internalContexts()} and it dials a trunk
 * channel (same test). Anything else (an employee calling an employee, a call into voicemail from
 * the office) is internal and produces no events.
 */
public final class AmiConfig {
  /** Asterisk's default AMI port ({@code manager.conf}, {@code [general] port}). */
  public static final int DEFAULT_PORT = 5038;
  /** Trunk contexts by default: FreePBX's and the common examples' names. */
  public static final Set<String> DEFAULT_TRUNK_CONTEXTS = Set.of("from-trunk", "from-pstn");
  /** Internal (employee phone) contexts by default. */
  public static final Set<String> DEFAULT_INTERNAL_CONTEXTS = Set.of("from-internal");
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** How long the banner and the login response may take (Asterisk waits 1 s before a refusal). */
  public static final Duration DEFAULT_LOGIN_TIMEOUT = Duration.ofSeconds(10);
  /** Silence after which the adapter sends a {@code Ping}; twice this without data drops the link. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  /** Each reconnection delay is shortened by a random part of up to this fraction. */
  public static final double DEFAULT_JITTER = 0.25;
  /** Calls followed at once; beyond it the oldest is finished as incomplete. */
  public static final int DEFAULT_MAX_CALLS = 10_000;
  public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final String host;
  private final int port;
  private final String username;
  private final String secret;
  private final String events;
  private final Set<String> trunkContexts;
  private final Set<String> internalContexts;
  private final Set<String> trunkEndpoints;
  private final String callIdPrefix;
  private final UnaryOperator<String> recordingUrl;
  private final Duration connectTimeout;
  private final Duration loginTimeout;
  private final Duration pingInterval;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final double jitter;
  private final int maxCalls;
  private final Duration closeTimeout;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier random;

  private AmiConfig(Builder b) {
    host = b.host;
    port = b.port;
    username = b.username;
    secret = b.secret;
    events = b.events;
    trunkContexts = lower(b.trunkContexts);
    internalContexts = lower(b.internalContexts);
    trunkEndpoints = lower(b.trunkEndpoints);
    callIdPrefix = b.callIdPrefix;
    recordingUrl = b.recordingUrl;
    connectTimeout = b.connectTimeout;
    loginTimeout = b.loginTimeout;
    pingInterval = b.pingInterval;
    initialBackoff = b.initialBackoff;
    maxBackoff = b.maxBackoff;
    jitter = b.jitter;
    maxCalls = b.maxCalls;
    closeTimeout = b.closeTimeout;
    clock = b.clock;
    sleeper = b.sleeper;
    random = b.random;
  }

  private static Set<String> lower(Set<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT))
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  public static Builder builder() {
    return new Builder();
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String username() {
    return username;
  }

  /** Package-private: only the login action reads it. */
  String secret() {
    return secret;
  }

  /** The {@code Events} header of the login action: {@code on} by default. */
  public String events() {
    return events;
  }

  /** Contexts of trunk channels, lower case. */
  public Set<String> trunkContexts() {
    return trunkContexts;
  }

  /** Contexts of employee phones, lower case. */
  public Set<String> internalContexts() {
    return internalContexts;
  }

  /** Endpoint names of trunks ({@code PJSIP/<endpoint>-...}), lower case. */
  public Set<String> trunkEndpoints() {
    return trunkEndpoints;
  }

  /** Prepended to the {@code Linkedid} to make {@code CallEvent.callId}; empty by default. */
  public String callIdPrefix() {
    return callIdPrefix;
  }

  /** Turns MixMonitor's file name into the event's recording URL; identity by default. */
  public UnaryOperator<String> recordingUrl() {
    return recordingUrl;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration loginTimeout() {
    return loginTimeout;
  }

  public Duration pingInterval() {
    return pingInterval;
  }

  public Duration initialBackoff() {
    return initialBackoff;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public double jitter() {
    return jitter;
  }

  public int maxCalls() {
    return maxCalls;
  }

  public Duration closeTimeout() {
    return closeTimeout;
  }

  /** Event times when Asterisk sends no {@code Timestamp} header ({@code timestampevents=no}). */
  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  /** Source of uniform values in [0, 1) for the reconnection jitter. */
  public DoubleSupplier random() {
    return random;
  }

  @Override
  public String toString() {
    return "AmiConfig{" + host + ":" + port + ", username=" + username + ", secret=***, events="
        + events + ", trunkContexts=" + trunkContexts + ", internalContexts=" + internalContexts
        + ", trunkEndpoints=" + trunkEndpoints + "}";
  }

  /** Builds {@link AmiConfig}; not thread-safe. */
  public static final class Builder {
    private String host;
    private int port = DEFAULT_PORT;
    private String username;
    private String secret;
    private String events = "on";
    private Set<String> trunkContexts = DEFAULT_TRUNK_CONTEXTS;
    private Set<String> internalContexts = DEFAULT_INTERNAL_CONTEXTS;
    private Set<String> trunkEndpoints = Set.of();
    private String callIdPrefix = "";
    private UnaryOperator<String> recordingUrl = UnaryOperator.identity();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration loginTimeout = DEFAULT_LOGIN_TIMEOUT;
    private Duration pingInterval = DEFAULT_PING_INTERVAL;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private double jitter = DEFAULT_JITTER;
    private int maxCalls = DEFAULT_MAX_CALLS;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = RandomGenerator.getDefault()::nextDouble;

    private Builder() {}

    /** Asterisk's host name or address (required). */
    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The {@code [user]} section of {@code manager.conf} (required). */
    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** That section's {@code secret} (required); sent only in the login action. */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** The login's {@code Events} header: {@code on} (default) or a class list such as {@code call,dialplan,agent}. */
    public Builder events(String events) {
      this.events = events;
      return this;
    }

    public Builder trunkContexts(Set<String> contexts) {
      this.trunkContexts = Set.copyOf(contexts);
      return this;
    }

    public Builder internalContexts(Set<String> contexts) {
      this.internalContexts = Set.copyOf(contexts);
      return this;
    }

    public Builder trunkEndpoints(Set<String> endpoints) {
      this.trunkEndpoints = Set.copyOf(endpoints);
      return this;
    }

    public Builder callIdPrefix(String prefix) {
      this.callIdPrefix = prefix;
      return this;
    }

    /** E.g. {@code f -> "https://pbx.example.com/rec/" + f.substring(f.lastIndexOf('/') + 1)}. */
    public Builder recordingUrl(UnaryOperator<String> recordingUrl) {
      this.recordingUrl = recordingUrl;
      return this;
    }

    public Builder connectTimeout(Duration d) {
      this.connectTimeout = d;
      return this;
    }

    public Builder loginTimeout(Duration d) {
      this.loginTimeout = d;
      return this;
    }

    public Builder pingInterval(Duration d) {
      this.pingInterval = d;
      return this;
    }

    public Builder backoff(Duration initial, Duration max) {
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /** Fraction in [0, 1] by which each reconnection delay may be randomly shortened. */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder maxCalls(int maxCalls) {
      this.maxCalls = maxCalls;
      return this;
    }

    /** How long {@link AmiCallSource#close()} waits for the reader thread to finish. */
    public Builder closeTimeout(Duration d) {
      this.closeTimeout = d;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = sleeper;
      return this;
    }

    /** Uniform values in [0, 1) for the jitter; inject a fixed one in tests. */
    public Builder random(DoubleSupplier random) {
      this.random = random;
      return this;
    }

    /**
     * Validates and builds.
     *
     * @throws IllegalStateException listing every problem (field and how to fix it)
     */
    public AmiConfig build() {
      List<String> problems = new ArrayList<>();
      if (host == null || host.isBlank()) {
        problems.add("host: required, Asterisk's host name or address");
      }
      if (port < 1 || port > 65535) {
        problems.add("port: must be 1..65535, was " + port + " (AMI listens on 5038 by default)");
      }
      if (username == null || username.isBlank()) {
        problems.add("username: required, a [user] section of manager.conf");
      }
      if (secret == null || secret.isEmpty()) {
        problems.add("secret: required, the secret of that manager.conf section");
      }
      for (String[] field : new String[][] {{"host", host}, {"username", username},
          {"secret", secret}, {"events", events}, {"callIdPrefix", callIdPrefix}}) {
        if (field[1] != null && (field[1].indexOf('\r') >= 0 || field[1].indexOf('\n') >= 0)) {
          problems.add(field[0] + ": must not contain line breaks");
        }
      }
      if (events == null || events.isBlank()) {
        problems.add("events: required, 'on' or a list of event classes");
      }
      Objects.requireNonNull(callIdPrefix, "callIdPrefix");
      positive(problems, "connectTimeout", connectTimeout);
      positive(problems, "loginTimeout", loginTimeout);
      positive(problems, "pingInterval", pingInterval);
      positive(problems, "initialBackoff", initialBackoff);
      positive(problems, "closeTimeout", closeTimeout);
      positive(problems, "maxBackoff", maxBackoff);
      if (initialBackoff != null && maxBackoff != null && maxBackoff.compareTo(initialBackoff) < 0) {
        problems.add("maxBackoff: must not be shorter than initialBackoff");
      }
      if (!(jitter >= 0 && jitter <= 1)) {
        problems.add("jitter: must be within [0, 1], was " + jitter);
      }
      if (maxCalls < 1) {
        problems.add("maxCalls: must be positive, was " + maxCalls);
      }
      if (trunkContexts.isEmpty() && trunkEndpoints.isEmpty()) {
        problems.add("trunkContexts/trunkEndpoints: name at least one, or no call is ever inbound");
      }
      if (clock == null || sleeper == null || random == null || recordingUrl == null) {
        problems.add("clock, sleeper, random, recordingUrl: must not be null");
      }
      if (!problems.isEmpty()) {
        throw new IllegalStateException("Invalid AMI settings: " + String.join("; ", problems));
      }
      return new AmiConfig(this);
    }

    private static void positive(List<String> problems, String field, Duration d) {
      if (d == null || d.isZero() || d.isNegative()) {
        problems.add(field + ": must be a positive duration, was " + d);
      }
    }
  }
}
