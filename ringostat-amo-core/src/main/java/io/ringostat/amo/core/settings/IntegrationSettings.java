package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.text.Language;
import io.ringostat.amo.core.text.MessageCatalog;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Everything the integration is configured with (R-IN-3): the amoCRM account, the employees and
 * the senior manager, the matrix (the working mode), pipeline rules (R-PIPE), the tracking-field
 * mapping (R-FIELDS), task templates, routing (R-ROUTE), the default country for phone
 * normalization (R-PHONE) and the resend window (R-KEEP).
 *
 * <p>Immutable and thread-safe; build in code or load from JSON ({@code SettingsJson} in {@code
 * ringostat-amo-json}, documented in {@code docs/settings.md}). {@code build()} validates and
 * throws {@link InvalidSettingsException} listing every problem (errors first, then warnings)
 * when there is an error; settings are never half-applied.
 */
@Value.Immutable
public interface IntegrationSettings {
  AmoAccount account();

  List<Employee> employees();

  /** The amoCRM user who gets missed calls from new clients and configuration problems. */
  long seniorManagerUserId();

  /** The matrix; its name is the working mode. Default {@link MatrixPresets#RECOMMENDED}. */
  @Value.Default
  default DecisionMatrix matrix() {
    return MatrixPresets.RECOMMENDED;
  }

  /** Where new deals go when no pipeline rule matches; empty: the account's main pipeline. */
  Optional<PipelineTarget> defaultPipeline();

  /** Tried in order; the first match decides the pipeline (R-PIPE). */
  List<PipelineRule> pipelineRules();

  /** The account's pipelines, if known, to check rules against when loading. */
  List<AccountCatalog.Pipeline> pipelines();

  List<FieldMapping> fieldMappings();

  /** Tags added to every new deal, e.g. "ringostat". */
  List<String> tags();

  /**
   * Task templates by name; the matrix refers to them. Defaults exist for {@code missed-call},
   * {@code unknown-endpoint} and {@code invalid-phone}; entries given here replace them.
   */
  @Value.Default
  default Map<String, TaskTemplate> taskTemplates() {
    return DefaultTemplates.TASKS;
  }

  /** The default of {@link #contactNameTemplate()}: the catalogue's text is used. */
  String DEFAULT_CONTACT_NAME_TEMPLATE = "{client_phone}";

  /** The default of {@link #dealNameTemplate()}: the catalogue's text is used. */
  String DEFAULT_DEAL_NAME_TEMPLATE = "{direction} call {client_phone}";

  /**
   * The name of a contact created for a new client. Left at its default ({@value
   * #DEFAULT_CONTACT_NAME_TEMPLATE}), the name comes from the message catalogue in the {@link
   * #language()}; any other text is used as it is, in every language.
   */
  @Value.Default
  default String contactNameTemplate() {
    return DEFAULT_CONTACT_NAME_TEMPLATE;
  }

  /**
   * The name of a deal created for a call. Left at its default ({@value
   * #DEFAULT_DEAL_NAME_TEMPLATE}), the name comes from the message catalogue in the {@link
   * #language()} (deal-name, or unsorted-deal-name for an unsorted request); any other text is
   * used as it is, for deals and unsorted requests alike.
   */
  @Value.Default
  default String dealNameTemplate() {
    return DEFAULT_DEAL_NAME_TEMPLATE;
  }

  /**
   * The language of every text amoCRM users read (R-LANG). Empty: the engine chooses it at
   * activation from what amoCRM reports ({@link io.ringostat.amo.core.text.LanguageChoice}); a
   * decision made without one writes English.
   */
  Optional<Language> language();

  /**
   * Custom texts laid over the built-in catalogue: language code ({@code ru}, {@code uk}, {@code
   * en}) to text key id (see {@link io.ringostat.amo.core.text.MessageKey}) to template. Checked on
   * build; problems are reported at {@code messages.<lang>.<key>}.
   */
  Map<String, Map<String, String>> messages();

  /** The built-in texts with {@link #messages()} laid over them. */
  @Value.Lazy
  default MessageCatalog messageCatalog() {
    return MessageCatalog.defaults().withOverrides(messages());
  }

  /** The language decisions write in: {@link #language()}, else English. */
  default Language effectiveLanguage() {
    return language().orElse(Language.EN);
  }

  /**
   * These settings with {@code language} set, e.g. the one the engine chose at activation. Other
   * values stay as they are.
   */
  default IntegrationSettings withLanguage(Language language) {
    return builder().from(this).language(language).build();
  }

  /** The contact name template, when the user changed it from the default. */
  default Optional<String> customContactNameTemplate() {
    return contactNameTemplate().equals(DEFAULT_CONTACT_NAME_TEMPLATE) ? Optional.empty()
        : Optional.of(contactNameTemplate());
  }

  /** The deal name template, when the user changed it from the default. */
  default Optional<String> customDealNameTemplate() {
    return dealNameTemplate().equals(DEFAULT_DEAL_NAME_TEMPLATE) ? Optional.empty()
        : Optional.of(dealNameTemplate());
  }

  /**
   * The text of task template {@code name} when it is the user's own: a template the SDK does not
   * define, or a built-in one whose text the user changed. Empty for a built-in text, which the
   * catalogue renders in the {@link #language()}.
   */
  default Optional<String> customTaskText(String name) {
    TaskTemplate t = effectiveTaskTemplates().get(name);
    if (t == null) {
      return Optional.empty();
    }
    TaskTemplate builtIn = DefaultTemplates.TASKS.get(name);
    return builtIn != null && builtIn.text().equals(t.text()) ? Optional.empty()
        : Optional.of(t.text());
  }

  /**
   * R-HOURS: when the office works and, optionally, employees whose hours differ (by amoCRM user
   * id). Read in the account's time zone: {@link #schedules()} replaces the schedules' zone with
   * {@code account.timeZone}, which the engine fills at activation from amoCRM when the settings
   * leave it out. Empty: always open, deadlines count elapsed time, no call is outside working
   * hours.
   */
  Optional<Schedules> workingHours();

  /** {@link #workingHours()} in the account's time zone, when it is known. */
  @Value.Lazy
  default Optional<Schedules> schedules() {
    return workingHours().map(h -> account().timeZone().map(h::withZone).orElse(h));
  }

  /**
   * These settings with the account's time zone set, e.g. the one amoCRM reported at activation;
   * working hours are then read in it. Other values stay as they are.
   */
  default IntegrationSettings withAccountTimeZone(ZoneId zone) {
    return builder().from(this)
        .account(AmoAccount.builder().from(account()).timeZone(zone).build()).build();
  }

  @Value.Default
  default RoutingSettings routing() {
    return RoutingSettings.DEFAULT;
  }

  /** ISO country for local phone formats (R-PHONE); default "UA". */
  @Value.Default
  default String defaultCountry() {
    return "UA";
  }

  /** Calendar days of undelivered events resent on reactivation (R-KEEP); default 3. */
  @Value.Default
  default int resendWindowDays() {
    return 3;
  }

  /** Update-only mode: repeat a lookup that found nothing once after this delay (R-V2). */
  Optional<Duration> updateOnlyRetryDelay();

  /** Show amoCRM's incoming-call popup while a call rings; default off. */
  @Value.Default
  default boolean callPopup() {
    return false;
  }

  /** The source name on call records and unsorted requests; default "ringostat". */
  @Value.Default
  default String sourceName() {
    return "ringostat";
  }

  /**
   * Ignore internal calls (R-FILTER): a call whose client phone normalizes to a phone of an
   * employee in the directory plans nothing. Default on.
   */
  @Value.Default
  default boolean ignoreInternalCalls() {
    return true;
  }

  /**
   * Numbers whose calls never create a contact, deal or unsorted request (R-FILTER): full numbers
   * or prefixes in international form, {@code "+380441234567"} or {@code "+7800"} (spaces, dashes
   * and brackets are ignored). A client phone matches when its digits start with an entry's.
   */
  List<String> blockedNumbers();

  /**
   * Still record calls of {@linkplain #blockedNumbers() blocked numbers} on the contact or deal
   * that already exists for them (nothing is created, no task is set); default off: such calls
   * plan nothing.
   */
  @Value.Default
  default boolean recordBlockedOnExisting() {
    return false;
  }

  /**
   * The minimum talk time per direction (R-FILTER): an answered call that ends with a shorter
   * talk counts as missed (its scenario, its disposition and its call record). A direction left
   * out has no minimum.
   */
  Map<CallDirection, Duration> minTalkTime();

  /** The minimum talk time of {@code direction}; zero when none is set. */
  default Duration minTalkTimeOf(CallDirection direction) {
    return minTalkTime().getOrDefault(direction, Duration.ZERO);
  }

  /**
   * Tracking numbers and trunks treated on their own (R-FILTER): their calls are ignored or
   * decided by the line's own matrix. Tried in order; the first that matches a call applies.
   */
  List<TrackingLine> trackingLines();

  /** The first of {@link #trackingLines()} that matches {@code event}, with what matched. */
  default Optional<LineMatch> trackingLineOf(io.ringostat.amo.core.model.CallEvent event) {
    for (TrackingLine line : trackingLines()) {
      Optional<String> what = line.match(event, phoneNormalizer());
      if (what.isPresent()) {
        return Optional.of(new LineMatch(line, what.get()));
      }
    }
    return Optional.empty();
  }

  /** A tracking line that matched a call, and what matched ("trunk 'support'"). */
  record LineMatch(TrackingLine line, String matched) {}

  /** The matrix that decides {@code event}: its tracking line's own, else {@link #matrix()}. */
  default DecisionMatrix matrixFor(io.ringostat.amo.core.model.CallEvent event) {
    return trackingLineOf(event).flatMap(m -> m.line().matrix()).orElse(matrix());
  }

  /** True when {@code phone} matches an entry of {@link #blockedNumbers()}. */
  default boolean isBlocked(PhoneNumber phone) {
    for (String entry : blockedNumbers()) {
      String digits = blockedDigits(entry);
      if (!digits.isEmpty() && phone.digits().startsWith(digits)) {
        return true;
      }
    }
    return false;
  }

  /** The digits of a {@link #blockedNumbers()} entry. */
  static String blockedDigits(String entry) {
    return entry.replaceAll("[^0-9]", "");
  }

  /** The task templates in effect: the defaults overlaid with {@link #taskTemplates()}. */
  @Value.Lazy
  default Map<String, TaskTemplate> effectiveTaskTemplates() {
    Map<String, TaskTemplate> all = new LinkedHashMap<>(DefaultTemplates.TASKS);
    all.putAll(taskTemplates());
    return Map.copyOf(all);
  }

  @Value.Lazy
  default PhoneNormalizer phoneNormalizer() {
    return PhoneNormalizer.forCountry(defaultCountry());
  }

  @Value.Lazy
  default EmployeeDirectory directory() {
    return EmployeeDirectory.of(employees(), phoneNormalizer());
  }

  @Value.Check
  default void check() {
    List<SettingsProblem> problems = SettingsValidator.validate(this);
    if (problems.stream().anyMatch(SettingsProblem::isError)) {
      throw new InvalidSettingsException(problems);
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Builds {@link IntegrationSettings}; {@code build()} validates. */
  class Builder extends ImmutableIntegrationSettings.Builder {}
}
