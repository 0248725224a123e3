package io.ringostat.amo.testkit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code AmoEmulator.Builder} collected, frozen: the account's reference data, the
 * credentials, the limits and the seed data. Immutable; {@link #toString()} hides secrets.
 */
public record EmulatorConfig(
    String subdomain,
    String accountName,
    ZoneId timeZone,
    List<UserSpec> users,
    Optional<Long> currentUserId,
    List<PipelineSpec> pipelines,
    List<FieldSpec> customFields,
    List<String> longLivedTokens,
    List<OAuthClientSpec> oauthClients,
    List<String> authorizationCodes,
    Duration accessTokenLifetime,
    int rateLimitPerSecond,
    int blockAfter,
    Optional<Duration> retryAfter,
    Clock clock,
    long seed,
    List<ContactSeed> contacts,
    List<DealSeed> deals,
    String country,
    java.util.Map<Integer, String> taskTypes) {

  public EmulatorConfig {
    Objects.requireNonNull(subdomain, "subdomain");
    Objects.requireNonNull(country, "country");
    users = List.copyOf(users);
    pipelines = List.copyOf(pipelines);
    customFields = List.copyOf(customFields);
    longLivedTokens = List.copyOf(longLivedTokens);
    oauthClients = List.copyOf(oauthClients);
    authorizationCodes = List.copyOf(authorizationCodes);
    contacts = List.copyOf(contacts);
    deals = List.copyOf(deals);
    taskTypes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(taskTypes));
  }

  /** An amoCRM user to seed. */
  public record UserSpec(long id, String name, boolean active) {}

  /** A status of a seeded pipeline (a regular stage). */
  public record StatusSpec(long id, String name) {}

  /** A pipeline to seed; Unsorted, 142 and 143 are added to it automatically. */
  public record PipelineSpec(long id, String name, boolean main, List<StatusSpec> statuses) {
    public PipelineSpec {
      statuses = List.copyOf(statuses);
    }
  }

  /** A custom field to seed. {@code code} may be null; {@code enums} are the enum values. */
  public record FieldSpec(
      String entity, long id, String name, String code, String type, List<String> enums) {
    public FieldSpec {
      enums = List.copyOf(enums);
    }
  }

  /** An OAuth integration: id, secret, redirect URI and a refresh token valid from the start. */
  public record OAuthClientSpec(
      String clientId, String clientSecret, String redirectUri, String initialRefreshToken) {
    @Override
    public String toString() {
      return "OAuthClientSpec[clientId=" + clientId + ", redirectUri=" + redirectUri + "]";
    }
  }

  /** A contact existing before the test starts. */
  public record ContactSeed(String name, String phone, long responsibleUserId) {}

  /** A deal existing before the test, linked to the latest seeded contact with {@code phone}. */
  public record DealSeed(String phone, long pipelineId, long statusId, long responsibleUserId) {}

  @Override
  public String toString() {
    return "EmulatorConfig[subdomain="
        + subdomain
        + ", users="
        + users.size()
        + ", pipelines="
        + pipelines.size()
        + ", rateLimit="
        + rateLimitPerSecond
        + "/s]";
  }
}
