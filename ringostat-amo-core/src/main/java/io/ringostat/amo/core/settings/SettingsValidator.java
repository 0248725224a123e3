package io.ringostat.amo.core.settings;

import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.hours.WorkingHours;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.text.MessageCatalog;
import io.ringostat.amo.core.text.TemplateProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks settings and lists every problem, each with its path and reason (R-IN-3). {@link
 * #validate(IntegrationSettings)} checks what the settings alone can tell (it runs on every
 * build); {@link #validateAgainst} also checks them against the live account's users, pipelines
 * and fields (activation). Pure and thread-safe.
 */
public final class SettingsValidator {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
  private static final Duration MAX_BUDGET = Duration.ofSeconds(30);

  private SettingsValidator() {}

  /** Problems the settings alone reveal; errors first, then warnings. */
  public static List<SettingsProblem> validate(IntegrationSettings s) {
    List<SettingsProblem> out = new ArrayList<>();
    Optional<PhoneNormalizer> normalizer = normalizer(s.defaultCountry(), out);
    checkEmployees(s.employees(), normalizer, out);
    if (s.seniorManagerUserId() <= 0) {
      out.add(SettingsProblem.error("seniorManagerUserId", "must be an amoCRM user id (positive)"));
    }
    checkMatrix(s, out);
    checkTemplates(s, out);
    s.defaultPipeline().ifPresent(t -> checkTarget("defaultPipeline", t, s.pipelines(), out));
    for (int i = 0; i < s.pipelineRules().size(); i++) {
      PipelineRule r = s.pipelineRules().get(i);
      String path = "pipelineRules[" + i + "]";
      boolean simple = r.isSimple();
      for (int j = 0; j < r.conditions().size(); j++) {
        CallCondition c = r.conditions().get(j);
        String at = simple ? path : path + ".when[" + j + "]";
        if (c.parameter().isBlank()) {
          out.add(SettingsProblem.error(at + ".parameter", "must name a call parameter"));
        }
        if (c.value().isBlank()) {
          out.add(SettingsProblem.error(at + "." + (simple ? "value"
              : c.operator().name().toLowerCase(Locale.ROOT)), "must not be blank"));
        }
      }
      checkTarget(path, r.target(), s.pipelines(), out);
    }
    for (int i = 0; i < s.fieldMappings().size(); i++) {
      FieldMapping m = s.fieldMappings().get(i);
      String path = "fieldMappings[" + i + "]";
      if (m.parameter().isBlank()) {
        out.add(SettingsProblem.error(path + ".parameter", "must name a call parameter"));
      }
      if (!m.writesField() && !m.asTag()) {
        out.add(SettingsProblem.error(path, "needs a fieldId, a fieldCode or asTag"));
      }
      if (m.entity() == EntityType.COMPANY) {
        out.add(SettingsProblem.error(path + ".entity", "must be DEAL or CONTACT"));
      }
    }
    checkRouting(s.routing(), out);
    if (s.resendWindowDays() < 1 || s.resendWindowDays() > 30) {
      out.add(SettingsProblem.error("resendWindowDays", "must be 1 to 30 days"));
    }
    s.updateOnlyRetryDelay().ifPresent(d -> {
      if (d.isNegative() || d.compareTo(Duration.ofMinutes(5)) > 0) {
        out.add(SettingsProblem.error("updateOnlyRetryDelay", "must be 0 to 5 minutes"));
      }
    });
    if (s.sourceName().isBlank()) {
      out.add(SettingsProblem.error("sourceName", "must not be blank"));
    }
    checkFilters(s, out);
    checkTrackingLines(s, normalizer, out);
    s.workingHours().ifPresent(h -> checkWorkingHours(h, s, out));
    return sorted(out);
  }

  /**
   * Problems of {@code s} against the live account: employees' users exist and are active, the
   * senior manager exists, pipelines and statuses exist, mapped custom fields exist.
   */
  public static List<SettingsProblem> validateAgainst(IntegrationSettings s, AccountCatalog account) {
    List<SettingsProblem> out = new ArrayList<>();
    for (int i = 0; i < s.employees().size(); i++) {
      Employee e = s.employees().get(i);
      String path = "employees[" + i + "].amoUserId";
      Optional<AccountCatalog.User> u = account.user(e.amoUserId());
      if (u.isEmpty()) {
        out.add(SettingsProblem.error(path, "amoCRM user " + e.amoUserId() + " of employee "
            + e.code() + " does not exist in the account"));
      } else if (!u.get().active()) {
        out.add(SettingsProblem.warning(path, "amoCRM user " + e.amoUserId() + " of employee "
            + e.code() + " is deactivated; calls they answer go to the senior manager"));
      }
    }
    Optional<AccountCatalog.User> senior = account.user(s.seniorManagerUserId());
    if (senior.isEmpty()) {
      out.add(SettingsProblem.error("seniorManagerUserId",
          "amoCRM user " + s.seniorManagerUserId() + " does not exist in the account"));
    } else if (!senior.get().active()) {
      out.add(SettingsProblem.error("seniorManagerUserId",
          "amoCRM user " + s.seniorManagerUserId() + " is deactivated"));
    }
    s.defaultPipeline().ifPresent(t -> checkTarget("defaultPipeline", t, account.pipelines(), out));
    for (int i = 0; i < s.pipelineRules().size(); i++) {
      checkTarget("pipelineRules[" + i + "]", s.pipelineRules().get(i).target(),
          account.pipelines(), out);
    }
    for (int i = 0; i < s.fieldMappings().size(); i++) {
      FieldMapping m = s.fieldMappings().get(i);
      if (m.writesField() && !fieldExists(m, account)) {
        out.add(SettingsProblem.error("fieldMappings[" + i + "]",
            "the account has no " + entityPath(m.entity()) + " field "
                + m.fieldId().map(String::valueOf).orElseGet(() -> "'" + m.fieldCode().get() + "'")));
      }
    }
    return sorted(out);
  }

  private static Optional<PhoneNormalizer> normalizer(String country, List<SettingsProblem> out) {
    try {
      return Optional.of(PhoneNormalizer.forCountry(country));
    } catch (IllegalArgumentException e) {
      out.add(SettingsProblem.error("defaultCountry", "'" + country + "' is not an ISO country code"
          + " known to libphonenumber"));
      return Optional.empty();
    }
  }

  private static void checkEmployees(List<Employee> employees, Optional<PhoneNormalizer> normalizer,
      List<SettingsProblem> out) {
    Set<String> codes = new HashSet<>();
    for (int i = 0; i < employees.size(); i++) {
      Employee e = employees.get(i);
      if (!codes.add(e.code())) {
        out.add(SettingsProblem.error("employees[" + i + "].code", "duplicate code " + e.code()));
      }
      if (e.sipLogins().isEmpty() && e.phones().isEmpty() && e.extension().isEmpty()) {
        out.add(SettingsProblem.warning("employees[" + i + "]",
            "employee " + e.code() + " has no SIP login, extension or phone: calls can't name them"));
      }
      if (normalizer.isPresent()) {
        for (int j = 0; j < e.phones().size(); j++) {
          if (normalizer.get().normalize(e.phones().get(j)).number().isEmpty()) {
            out.add(SettingsProblem.error("employees[" + i + "].phones[" + j + "]",
                "'" + e.phones().get(j) + "' is not a phone number"));
          }
        }
      }
    }
    normalizer.ifPresent(n -> EmployeeDirectory.conflicts(employees, n)
        .forEach(c -> out.add(SettingsProblem.error("employees", c))));
  }

  /** R-FILTER: the block list and the minimum talk times. */
  private static void checkFilters(IntegrationSettings s, List<SettingsProblem> out) {
    for (int i = 0; i < s.blockedNumbers().size(); i++) {
      String entry = s.blockedNumbers().get(i);
      String digits = IntegrationSettings.blockedDigits(entry);
      if (!BLOCKED_ENTRY.matcher(entry).matches() || digits.isEmpty() || digits.length() > 15) {
        out.add(SettingsProblem.error("blockedNumbers[" + i + "]", "must be a number or a prefix in"
            + " international form, 1 to 15 digits after '+', e.g. \"+380441234567\" or"
            + " \"+7800\""));
      }
    }
    s.minTalkTime().forEach((direction, d) -> {
      if (d.isNegative() || d.compareTo(MAX_MIN_TALK_TIME) > 0) {
        out.add(SettingsProblem.error("minTalkTime." + direction.name().toLowerCase(Locale.ROOT),
            "must be 0 to " + MAX_MIN_TALK_TIME.toMinutes() + " minutes"));
      }
    });
  }

  /** R-FILTER: every tracking line has a name, something to match, and a sound matrix. */
  private static void checkTrackingLines(IntegrationSettings s,
      Optional<PhoneNormalizer> normalizer, List<SettingsProblem> out) {
    Map<String, TaskTemplate> templates = s.effectiveTaskTemplates();
    for (int i = 0; i < s.trackingLines().size(); i++) {
      TrackingLine line = s.trackingLines().get(i);
      String path = "trackingLines[" + i + "]";
      if (line.name().isBlank()) {
        out.add(SettingsProblem.error(path + ".name", "must not be blank"));
      }
      if (line.numbers().isEmpty() && line.trunks().isEmpty()) {
        out.add(SettingsProblem.error(path, "names no tracking number and no trunk: it would"
            + " match no call"));
      }
      for (int j = 0; j < line.numbers().size(); j++) {
        String n = line.numbers().get(j);
        if (normalizer.isPresent() && normalizer.get().normalize(n).number().isEmpty()) {
          out.add(SettingsProblem.error(path + ".numbers[" + j + "]", "'" + n
              + "' is not a phone number"));
        }
      }
      for (int j = 0; j < line.trunks().size(); j++) {
        if (line.trunks().get(j).isBlank()) {
          out.add(SettingsProblem.error(path + ".trunks[" + j + "]", "must not be blank"));
        }
      }
      line.matrix().ifPresent(m -> {
        for (Map.Entry<Scenario, MatrixCell> e : m.cells().entrySet()) {
          e.getValue().task().ifPresent(t -> checkTaskRule(path + ".matrix.cells." + e.getKey()
              + ".task", t, templates, out));
        }
        for (Map.Entry<Scenario, MatrixCell> e : m.outsideHours().entrySet()) {
          e.getValue().task().ifPresent(t -> checkTaskRule(path + ".matrix.outsideHours."
              + e.getKey() + ".task", t, templates, out));
        }
        m.unknownEndpointTask().ifPresent(t -> checkTaskRule(path
            + ".matrix.unknownEndpointTask", t, templates, out));
      });
    }
  }

  /**
   * R-HOURS: every employee schedule belongs to an employee of the directory; no schedule has a
   * run of holidays so long that deadlines could not be counted.
   */
  private static void checkWorkingHours(Schedules h, IntegrationSettings s,
      List<SettingsProblem> out) {
    checkHolidays("workingHours", h.account(), out);
    Set<Long> users = new HashSet<>();
    s.employees().forEach(e -> users.add(e.amoUserId()));
    h.employees().forEach((user, hours) -> {
      String path = "workingHours.employees." + user;
      if (!users.contains(user) && user != s.seniorManagerUserId()) {
        out.add(SettingsProblem.error(path, "no employee (and not the senior manager) has amoCRM"
            + " user id " + user));
      }
      checkHolidays(path, hours, out);
    });
  }

  private static void checkHolidays(String path, WorkingHours hours, List<SettingsProblem> out) {
    int run = 0;
    java.time.LocalDate previous = null;
    for (java.time.LocalDate d : hours.holidays()) {
      run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
      previous = d;
      if (run > MAX_HOLIDAY_RUN) {
        out.add(SettingsProblem.error(path + ".holidays", "more than " + MAX_HOLIDAY_RUN
            + " holidays in a row (up to " + d + "): deadlines in working time could not be"
            + " counted"));
        return;
      }
    }
  }

  /** The longest run of consecutive holidays: a quarter of a year is far more than any office. */
  static final int MAX_HOLIDAY_RUN = 92;

  /** A block-list entry: '+', digits, and the spaces, dashes and brackets people write. */
  private static final java.util.regex.Pattern BLOCKED_ENTRY =
      java.util.regex.Pattern.compile("\\+[0-9 ()\\-]+");
  /** The longest minimum talk time (R-FILTER). */
  static final Duration MAX_MIN_TALK_TIME = Duration.ofMinutes(10);

  private static void checkMatrix(IntegrationSettings s, List<SettingsProblem> out) {
    Map<String, TaskTemplate> templates = s.effectiveTaskTemplates();
    for (Map.Entry<Scenario, MatrixCell> e : s.matrix().cells().entrySet()) {
      e.getValue().task().ifPresent(t -> checkTaskRule("matrix.cells." + e.getKey() + ".task", t,
          templates, out));
    }
    for (Map.Entry<Scenario, MatrixCell> e : s.matrix().outsideHours().entrySet()) {
      e.getValue().task().ifPresent(t -> checkTaskRule("matrix.outsideHours." + e.getKey()
          + ".task", t, templates, out));
    }
    if (!s.matrix().outsideHours().isEmpty() && s.workingHours().isEmpty()) {
      out.add(SettingsProblem.warning("matrix.outsideHours", "no call is outside working hours"
          + " while workingHours is not set: these cells never apply"));
    }
    s.matrix().unknownEndpointTask()
        .ifPresent(t -> checkTaskRule("matrix.unknownEndpointTask", t, templates, out));
  }

  private static void checkTaskRule(String path, TaskRule rule, Map<String, TaskTemplate> templates,
      List<SettingsProblem> out) {
    if (!templates.containsKey(rule.template())) {
      out.add(SettingsProblem.error(path + ".template", "no task template named '"
          + rule.template() + "' (known: " + String.join(", ", new java.util.TreeSet<>(templates.keySet())) + ")"));
    }
  }

  private static void checkTemplates(IntegrationSettings s, List<SettingsProblem> out) {
    for (Map.Entry<String, TaskTemplate> e : s.taskTemplates().entrySet()) {
      String path = "taskTemplates." + e.getKey();
      TaskTemplate t = e.getValue();
      if (t.text().isBlank()) {
        out.add(SettingsProblem.error(path + ".text", "must not be blank"));
      }
      if (t.deadline().isNegative()) {
        out.add(SettingsProblem.error(path + ".deadline", "must not be negative"));
      }
      if (t.taskTypeId() <= 0) {
        out.add(SettingsProblem.error(path + ".taskTypeId", "must be positive (1 = call)"));
      }
      checkPlaceholders(path + ".text", t.text(), out);
    }
    checkPlaceholders("contactNameTemplate", s.contactNameTemplate(), out);
    checkPlaceholders("dealNameTemplate", s.dealNameTemplate(), out);
    for (TemplateProblem p : MessageCatalog.validate(s.messages())) {
      out.add(SettingsProblem.error("messages." + p.path(), p.reason()));
    }
  }

  private static void checkPlaceholders(String path, String text, List<SettingsProblem> out) {
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (!TaskTemplate.PLACEHOLDERS.contains(m.group(1))) {
        out.add(SettingsProblem.error(path, "unknown placeholder {" + m.group(1) + "} (known: "
            + String.join(", ", TaskTemplate.PLACEHOLDERS) + ")"));
      }
    }
  }

  private static void checkTarget(String path, PipelineTarget t,
      List<AccountCatalog.Pipeline> pipelines, List<SettingsProblem> out) {
    if (pipelines.isEmpty()) {
      return;
    }
    Optional<AccountCatalog.Pipeline> p =
        pipelines.stream().filter(x -> x.id() == t.pipelineId()).findFirst();
    if (p.isEmpty()) {
      out.add(SettingsProblem.error(path + ".pipelineId",
          "the account has no pipeline " + t.pipelineId()));
      return;
    }
    t.statusId().ifPresent(status -> {
      if (p.get().status(status).isEmpty()) {
        out.add(SettingsProblem.error(path + ".statusId", "status " + status
            + " is not in pipeline " + t.pipelineId() + " ('" + p.get().name() + "')"));
      }
    });
  }

  private static void checkRouting(RoutingSettings r, List<SettingsProblem> out) {
    if (r.priority().isEmpty()) {
      out.add(SettingsProblem.error("routing.priority", "must name at least one entity kind"));
    }
    if (new HashSet<>(r.priority()).size() != r.priority().size()) {
      out.add(SettingsProblem.error("routing.priority", "names an entity kind twice"));
    }
    if (r.budget().isNegative() || r.budget().isZero() || r.budget().compareTo(MAX_BUDGET) > 0) {
      out.add(SettingsProblem.error("routing.budget", "must be more than 0 and at most 30 s"));
    }
    if (r.cacheTtl().isNegative()) {
      out.add(SettingsProblem.error("routing.cacheTtl", "must not be negative"));
    }
    if (r.cacheSize() < 0) {
      out.add(SettingsProblem.error("routing.cacheSize", "must not be negative"));
    }
  }

  private static boolean fieldExists(FieldMapping m, AccountCatalog account) {
    String entity = entityPath(m.entity());
    return account.customFields().stream()
        .filter(f -> f.entity().equals(entity))
        .anyMatch(f -> m.fieldId().map(id -> id == f.id()).orElse(false)
            || m.fieldCode().map(c -> f.code().map(c::equalsIgnoreCase).orElse(false)).orElse(false));
  }

  private static String entityPath(EntityType t) {
    return t == EntityType.DEAL ? "leads" : t.name().toLowerCase(Locale.ROOT) + "s";
  }

  private static List<SettingsProblem> sorted(List<SettingsProblem> problems) {
    List<SettingsProblem> errorsFirst = new ArrayList<>(problems);
    errorsFirst.sort(java.util.Comparator.comparing(SettingsProblem::severity));
    return List.copyOf(errorsFirst);
  }
}
