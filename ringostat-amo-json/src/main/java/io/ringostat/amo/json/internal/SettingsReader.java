package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.RoutingStrategy;
import io.ringostat.amo.core.routing.RoutingTarget;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.AmoZone;
import io.ringostat.amo.core.settings.CallCondition;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.core.settings.TaskTemplate;
import io.ringostat.amo.core.settings.TrackingLine;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.text.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Walks a settings tree (R-IN-3) into an {@link IntegrationSettings.Builder}, reporting every
 * structural problem (unknown key, wrong type, missing key, bad enum or duration) with its path.
 * Semantic checks are left to the core's {@code SettingsValidator}, which runs on {@code build()}.
 */
public final class SettingsReader {
  /** Top-level keys, in documentation order. */
  public static final List<String> ROOT_KEYS = List.of("account", "employees", "seniorManager",
      "matrix", "defaultPipeline", "pipelineRules", "pipelines", "fieldMappings", "tags",
      "taskTemplates", "contactNameTemplate", "dealNameTemplate", "routing", "defaultCountry",
      "resendWindowDays", "updateOnlyRetryDelay", "callPopup", "sourceName", "language",
      "messages", "ignoreInternalCalls", "blockedNumbers", "recordBlockedOnExisting",
      "minTalkTime", "workingHours", "trackingLines");
  static final List<String> LINE_KEYS = List.of("name", "numbers", "trunks", "ignore", "matrix");
  static final List<String> MIN_TALK_TIME_KEYS = List.of("inbound", "outbound");

  static final List<String> ACCOUNT_KEYS = List.of("subdomain", "zone", "timeZone");
  static final List<String> EMPLOYEE_KEYS =
      List.of("code", "name", "email", "sipLogins", "extension", "phones", "amoUserId");
  static final List<String> SENIOR_KEYS = List.of("amoUserId", "employee");
  static final List<String> TARGET_KEYS = List.of("pipelineId", "statusId");
  static final List<String> RULE_KEYS =
      List.of("pipelineId", "statusId", "parameter", "value", "when");
  static final List<String> CONDITION_KEYS =
      List.of("parameter", "equals", "prefix", "contains", "matches");
  static final List<String> PIPELINE_KEYS = List.of("id", "name", "main", "statuses");
  static final List<String> STATUS_KEYS = List.of("id", "name");
  static final List<String> MAPPING_KEYS =
      List.of("parameter", "entity", "fieldId", "fieldCode", "asTag");
  static final List<String> TEMPLATE_KEYS = List.of("text", "deadline", "taskTypeId");
  static final List<String> ROUTING_KEYS =
      List.of("priority", "strategy", "budget", "cacheTtl", "cacheSize");

  /** Longest string accepted in settings (names, templates, values). */
  static final int MAX_TEXT = 2048;
  private static final int MAX_NAME = 256;

  private final Problems problems;
  private final IntegrationSettings.Builder builder = IntegrationSettings.builder();

  private SettingsReader(Problems problems) {
    this.problems = problems;
  }

  /** The builder for {@code root}; empty when the tree has structural problems (all reported). */
  public static Optional<IntegrationSettings.Builder> read(JsonNode root, Problems problems) {
    int before = problems.count();
    SettingsReader reader = new SettingsReader(problems);
    reader.root(root);
    return problems.count() == before ? Optional.of(reader.builder) : Optional.empty();
  }

  private void root(JsonNode node) {
    Optional<ObjectView> view = ObjectView.of(node, Paths.ROOT, problems, ROOT_KEYS);
    if (view.isEmpty()) {
      return;
    }
    ObjectView r = view.get();
    if (r.has("account")) {
      r.object("account", ACCOUNT_KEYS).flatMap(this::account).ifPresent(builder::account);
    } else {
      r.missing("account", "{\"subdomain\": \"mycompany\", \"zone\": \"AMOCRM_RU\"}");
    }
    List<Employee> employees = r.array("employees").map(a -> employees(a, r.path("employees")))
        .orElse(List.of());
    builder.employees(employees);
    if (r.has("seniorManager")) {
      r.object("seniorManager", SENIOR_KEYS).flatMap(s -> seniorManager(s, r))
          .ifPresent(builder::seniorManagerUserId);
    } else {
      r.missing("seniorManager", "{\"amoUserId\": 504140} or {\"employee\": \"<employee code>\"}");
    }
    r.value("matrix").flatMap(m -> MatrixReader.read(m, r.path("matrix"), problems))
        .ifPresent(builder::matrix);
    r.object("defaultPipeline", TARGET_KEYS).flatMap(this::target)
        .ifPresent(builder::defaultPipeline);
    list(r, "pipelineRules", RULE_KEYS, this::rule).ifPresent(builder::pipelineRules);
    list(r, "pipelines", PIPELINE_KEYS, this::pipeline).ifPresent(builder::pipelines);
    list(r, "fieldMappings", MAPPING_KEYS, this::mapping).ifPresent(builder::fieldMappings);
    r.strings("tags", MAX_NAME).ifPresent(builder::tags);
    r.value("taskTemplates").flatMap(t -> ObjectView.map(t, r.path("taskTemplates"), problems))
        .ifPresent(this::templates);
    r.string("contactNameTemplate", MAX_TEXT).ifPresent(builder::contactNameTemplate);
    r.string("dealNameTemplate", MAX_TEXT).ifPresent(builder::dealNameTemplate);
    r.object("routing", ROUTING_KEYS).flatMap(this::routing).ifPresent(builder::routing);
    r.string("defaultCountry", 8).ifPresent(builder::defaultCountry);
    r.integer("resendWindowDays").ifPresent(builder::resendWindowDays);
    r.duration("updateOnlyRetryDelay").ifPresent(builder::updateOnlyRetryDelay);
    r.bool("callPopup").ifPresent(builder::callPopup);
    r.string("sourceName", MAX_NAME).ifPresent(builder::sourceName);
    r.string("language", 16).flatMap(l -> language(l, r.path("language")))
        .ifPresent(builder::language);
    r.value("messages").flatMap(m -> ObjectView.map(m, r.path("messages"), problems))
        .ifPresent(this::messages);
    r.bool("ignoreInternalCalls").ifPresent(builder::ignoreInternalCalls);
    r.strings("blockedNumbers", 64).ifPresent(builder::blockedNumbers);
    r.bool("recordBlockedOnExisting").ifPresent(builder::recordBlockedOnExisting);
    list(r, "trackingLines", LINE_KEYS, this::trackingLine).ifPresent(builder::trackingLines);
    r.value("workingHours").flatMap(h -> WorkingHoursJson.read(h, r.path("workingHours"),
        accountZone(r), problems)).ifPresent(builder::workingHours);
    r.object("minTalkTime", MIN_TALK_TIME_KEYS).ifPresent(m -> {
      m.duration("inbound").ifPresent(d -> builder.putMinTalkTime(CallDirection.INBOUND, d));
      m.duration("outbound").ifPresent(d -> builder.putMinTalkTime(CallDirection.OUTBOUND, d));
    });
  }

  /** The account's time zone as the file gives it (reported at its own path), else UTC. */
  private static ZoneId accountZone(ObjectView r) {
    JsonNode z = r.value("account").map(a -> a.path("timeZone")).orElse(null);
    if (z != null && z.isTextual()) {
      try {
        return ZoneId.of(z.textValue().trim());
      } catch (DateTimeException e) {
        // reported at account.timeZone
      }
    }
    return ZoneId.of("UTC");
  }

  private Optional<Language> language(String code, String path) {
    Optional<Language> l = Language.fromCode(code);
    if (l.isEmpty()) {
      problems.add(path, Redaction.quote(code) + " is not a language of the texts: use \"ru\","
          + " \"uk\" or \"en\", or leave it out to follow the amoCRM account");
    }
    return l;
  }

  /** {@code "messages": {"ru": {"task-missed-call": "..."}}}; the core checks keys and texts. */
  private void messages(ObjectView m) {
    for (Map.Entry<String, JsonNode> lang : m.entries()) {
      String langPath = m.path(lang.getKey());
      ObjectView.map(lang.getValue(), langPath, problems).ifPresent(texts -> {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> t : texts.entries()) {
          ObjectView.string(t.getValue(), texts.path(t.getKey()), MAX_TEXT, problems)
              .ifPresent(text -> out.put(t.getKey(), text));
        }
        builder.putMessage(lang.getKey(), out);
      });
    }
  }

  private Optional<AmoAccount> account(ObjectView a) {
    Optional<String> subdomain = a.requiredString("subdomain", 63 + 32,
        "the account's subdomain, e.g. \"mycompany\" for mycompany.amocrm.ru");
    Optional<AmoZone> zone = a.enumValue("zone", AmoZone.class);
    Optional<ZoneId> timeZone = a.string("timeZone", 64).flatMap(z -> zone(z, a.path("timeZone")));
    if (subdomain.isEmpty()) {
      return Optional.empty();
    }
    String s = subdomain.get().trim().toLowerCase(Locale.ROOT);
    if (!AmoAccount.SUBDOMAIN.matcher(s).matches()) {
      String hint = s.contains(".")
          ? "give only the subdomain, e.g. \"mycompany\" for https://mycompany.amocrm.ru"
          : "use lower-case letters, digits and hyphens";
      problems.add(a.path("subdomain"), Redaction.quote(subdomain.get())
          + " is not an amoCRM subdomain: " + hint);
      return Optional.empty();
    }
    if (a.has("zone") && zone.isEmpty() || a.has("timeZone") && timeZone.isEmpty()) {
      return Optional.empty();
    }
    AmoAccount.Builder b = AmoAccount.builder().subdomain(s).timeZone(timeZone);
    zone.ifPresent(b::zone);
    return build(b::build, a.path());
  }

  private Optional<ZoneId> zone(String id, String path) {
    try {
      return Optional.of(ZoneId.of(id.trim()));
    } catch (DateTimeException e) {
      problems.add(path, Redaction.quote(id) + " is not a time zone: use a region ID such as"
          + " \"Europe/Kyiv\" or an offset such as \"+02:00\"");
      return Optional.empty();
    }
  }

  private List<Employee> employees(List<JsonNode> nodes, String path) {
    List<Employee> out = new ArrayList<>();
    for (int i = 0; i < nodes.size(); i++) {
      String at = Paths.index(path, i);
      ObjectView.of(nodes.get(i), at, problems, EMPLOYEE_KEYS).flatMap(this::employee)
          .ifPresent(out::add);
    }
    return out;
  }

  private Optional<Employee> employee(ObjectView e) {
    int before = problems.count();
    Optional<String> code = nonBlank(e, "code", "the employee's code in the telephony, e.g. \"101\"");
    Optional<String> name = nonBlank(e, "name", "the employee's full name");
    Optional<String> email = e.string("email", MAX_NAME);
    Optional<List<String>> logins = e.strings("sipLogins", MAX_NAME);
    Optional<String> extension = e.string("extension", 32);
    Optional<List<String>> phones = e.strings("phones", 64);
    Optional<Long> user = e.requiredPositiveId("amoUserId", "the amoCRM user id, e.g. 504141");
    if (problems.count() != before) {
      return Optional.empty();
    }
    Employee.Builder b = Employee.builder().code(code.get()).name(name.get()).email(email)
        .extension(extension).amoUserId(user.get());
    logins.ifPresent(b::sipLogins);
    phones.ifPresent(b::phones);
    return build(b::build, e.path());
  }

  private Optional<Long> seniorManager(ObjectView s, ObjectView root) {
    if (s.has("amoUserId") && s.has("employee")) {
      problems.add(s.path(), "give either \"amoUserId\" or \"employee\", not both");
      return Optional.empty();
    }
    if (s.has("amoUserId")) {
      return s.positiveId("amoUserId");
    }
    if (!s.has("employee")) {
      problems.add(s.path(), "required: {\"amoUserId\": 504140} or {\"employee\": \"<employee"
          + " code>\"}");
      return Optional.empty();
    }
    Optional<String> code = s.string("employee", MAX_NAME);
    if (code.isEmpty()) {
      return Optional.empty();
    }
    List<String> codes = new ArrayList<>();
    for (JsonNode e : root.array("employees").orElse(List.of())) {
      JsonNode c = e.path("code");
      if (c.isTextual()) {
        codes.add(c.textValue());
        if (c.textValue().equals(code.get())) {
          JsonNode user = e.path("amoUserId");
          // A bad amoUserId there is reported at the employee's own path.
          return user.canConvertToLong() && user.isIntegralNumber() && user.longValue() > 0
              ? Optional.of(user.longValue()) : Optional.empty();
        }
      }
    }
    problems.add(s.path("employee"), "no employee has code " + Redaction.quote(code.get())
        + (codes.isEmpty() ? "; add the employee to \"employees\"" : "; codes: "
            + String.join(", ", codes)));
    return Optional.empty();
  }

  private Optional<PipelineTarget> target(ObjectView t) {
    Optional<Long> pipeline = t.requiredPositiveId("pipelineId", "the amoCRM pipeline id");
    Optional<Long> status = t.positiveId("statusId");
    if (pipeline.isEmpty() || t.has("statusId") && status.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new PipelineTarget(pipeline.get(), status));
  }

  private Optional<PipelineRule> rule(ObjectView r) {
    if (r.has("when")) {
      return groupRule(r);
    }
    int before = problems.count();
    Optional<PipelineTarget> target = target(r);
    Optional<String> parameter = r.requiredString("parameter", MAX_NAME,
        "a call parameter such as \"pool\", \"utm_source\" or an extra parameter's name");
    Optional<String> value = r.requiredString("value", MAX_TEXT, "the value that selects this"
        + " pipeline, e.g. \"Context ads\"");
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new PipelineRule(target.get(), parameter.get(), value.get()));
  }

  /** R-PIPE: {@code {"pipelineId", "when": [{"parameter": "pool", "equals": "Ads"}, …]}}. */
  private Optional<PipelineRule> groupRule(ObjectView r) {
    int before = problems.count();
    Optional<PipelineTarget> target = target(r);
    if (r.has("parameter") || r.has("value")) {
      problems.add(r.path(), "give either \"parameter\" and \"value\" or \"when\", not both");
    }
    Optional<List<CallCondition>> conditions =
        list(r, "when", CONDITION_KEYS, this::condition);
    if (conditions.isPresent() && conditions.get().isEmpty()) {
      problems.add(r.path("when"), "needs at least one condition, e.g. {\"parameter\": \"pool\","
          + " \"equals\": \"Context ads\"}");
    }
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new PipelineRule(target.get(), conditions.get()));
  }

  private Optional<CallCondition> condition(ObjectView c) {
    int before = problems.count();
    Optional<String> parameter = c.requiredString("parameter", MAX_NAME,
        "a call parameter such as \"pool\", \"utm_source\" or an extra parameter's name");
    List<String> given = CONDITION_KEYS.subList(1, CONDITION_KEYS.size()).stream()
        .filter(c::has).toList();
    if (given.size() != 1) {
      problems.add(c.path(), "give exactly one of \"equals\", \"prefix\", \"contains\","
          + " \"matches\"" + (given.isEmpty() ? "" : "; got " + String.join(", ", given)));
      return Optional.empty();
    }
    String key = given.get(0);
    Optional<String> value = c.string(key, MAX_TEXT);
    if (problems.count() != before) {
      return Optional.empty();
    }
    CallCondition.Operator op = CallCondition.Operator.valueOf(key.toUpperCase(Locale.ROOT));
    if (op == CallCondition.Operator.MATCHES) {
      Optional<String> problem = CallCondition.regexProblem(value.get());
      if (problem.isPresent()) {
        problems.add(c.path(key), problem.get());
        return Optional.empty();
      }
    }
    return Optional.of(new CallCondition(parameter.get(), op, value.get()));
  }

  /** R-FILTER: {@code {"name", "numbers", "trunks", "ignore": true | "matrix": …}}. */
  private Optional<TrackingLine> trackingLine(ObjectView l) {
    int before = problems.count();
    Optional<String> name = nonBlank(l, "name", "the line's name, e.g. \"support\"");
    List<String> numbers = l.strings("numbers", 64).orElse(List.of());
    List<String> trunks = l.strings("trunks", MAX_NAME).orElse(List.of());
    boolean ignore = l.bool("ignore").orElse(false);
    Optional<DecisionMatrix> matrix = l.value("matrix")
        .flatMap(m -> MatrixReader.read(m, l.path("matrix"), problems));
    if (ignore && l.has("matrix")) {
      problems.add(l.path(), "give either \"ignore\": true or a \"matrix\", not both");
    } else if (!ignore && !l.has("matrix")) {
      problems.add(l.path(), "required: \"ignore\": true (its calls plan nothing) or a"
          + " \"matrix\" that decides its calls, e.g. \"UPDATE_ONLY\"");
    }
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new TrackingLine(name.get(), numbers, trunks, matrix));
  }

  private Optional<AccountCatalog.Pipeline> pipeline(ObjectView p) {
    int before = problems.count();
    Optional<Long> id = p.requiredPositiveId("id", "the amoCRM pipeline id");
    Optional<String> name = p.requiredString("name", MAX_NAME, "the pipeline's name");
    boolean main = p.bool("main").orElse(false);
    Optional<List<AccountCatalog.Status>> statuses =
        list(p, "statuses", STATUS_KEYS, this::status);
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new AccountCatalog.Pipeline(id.get(), name.get(), main,
        statuses.orElse(List.of())));
  }

  private Optional<AccountCatalog.Status> status(ObjectView s) {
    Optional<Long> id = s.requiredPositiveId("id", "the amoCRM status id");
    Optional<String> name = s.requiredString("name", MAX_NAME, "the status's name");
    return id.isPresent() && name.isPresent()
        ? Optional.of(new AccountCatalog.Status(id.get(), name.get())) : Optional.empty();
  }

  private Optional<FieldMapping> mapping(ObjectView m) {
    int before = problems.count();
    Optional<String> parameter = m.requiredString("parameter", MAX_NAME,
        "a call parameter such as \"utm_source\" or \"roistat_visit_id\"");
    EntityType entity = m.enumValue("entity", EntityType.class).orElse(EntityType.DEAL);
    Optional<Long> fieldId = m.positiveId("fieldId");
    Optional<String> fieldCode = m.string("fieldCode", MAX_NAME);
    boolean asTag = m.bool("asTag").orElse(false);
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new FieldMapping(parameter.get(), entity, fieldId, fieldCode, asTag));
  }

  private void templates(ObjectView t) {
    for (Map.Entry<String, JsonNode> e : t.entries()) {
      String path = t.path(e.getKey());
      if (e.getKey().isBlank()) {
        problems.add(path, "a task template needs a name");
        continue;
      }
      ObjectView.of(e.getValue(), path, problems, TEMPLATE_KEYS).flatMap(this::template)
          .ifPresent(v -> builder.putTaskTemplate(e.getKey(), v));
    }
  }

  private Optional<TaskTemplate> template(ObjectView t) {
    int before = problems.count();
    Optional<String> text = t.requiredString("text", MAX_TEXT,
        "the task text, e.g. \"Missed call from {client_phone}\"");
    Optional<Duration> deadline = t.duration("deadline");
    if (!t.has("deadline")) {
      t.missing("deadline", "how long after the call the task is due, e.g. \"30m\"");
    }
    int type = t.integer("taskTypeId").orElse(TaskTemplate.CALL);
    if (problems.count() != before) {
      return Optional.empty();
    }
    return Optional.of(new TaskTemplate(text.get(), deadline.get(), type));
  }

  private Optional<RoutingSettings> routing(ObjectView r) {
    int before = problems.count();
    RoutingSettings.Builder b = RoutingSettings.builder();
    r.enums("priority", RoutingTarget.class).ifPresent(b::priority);
    r.enumValue("strategy", RoutingStrategy.class).ifPresent(b::strategy);
    r.duration("budget").ifPresent(b::budget);
    r.duration("cacheTtl").ifPresent(b::cacheTtl);
    r.integer("cacheSize").ifPresent(b::cacheSize);
    return problems.count() != before ? Optional.empty() : build(b::build, r.path());
  }

  private <T> Optional<List<T>> list(ObjectView parent, String key, List<String> keys,
      Function<ObjectView, Optional<T>> element) {
    Optional<List<JsonNode>> nodes = parent.array(key);
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    List<T> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < nodes.get().size(); i++) {
      Optional<T> v = ObjectView.of(nodes.get().get(i), Paths.index(parent.path(key), i),
          problems, keys).flatMap(element);
      ok &= v.isPresent();
      v.ifPresent(out::add);
    }
    return ok ? Optional.of(out) : Optional.empty();
  }

  private Optional<String> nonBlank(ObjectView v, String key, String what) {
    Optional<String> s = v.requiredString(key, MAX_NAME, what);
    if (s.isPresent() && s.get().isBlank()) {
      problems.add(v.path(key), "must not be blank: " + what);
      return Optional.empty();
    }
    return s;
  }

  private <T> Optional<T> build(Supplier<T> build, String path) {
    try {
      return Optional.of(build.get());
    } catch (IllegalStateException | IllegalArgumentException e) {
      BuilderFailures.report(e, path, problems);
      return Optional.empty();
    }
  }
}
