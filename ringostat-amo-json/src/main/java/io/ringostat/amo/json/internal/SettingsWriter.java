package io.ringostat.amo.json.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.Employee;
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
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes settings in the documented format, pretty-printed with two-space indents. Keys whose value
 * equals the default are left out, so the output reads like a hand-written file and reads back
 * equal.
 */
public final class SettingsWriter {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  /** A minimal valid value, to learn each setting's default from the core. */
  private static final IntegrationSettings DEFAULTS = IntegrationSettings.builder()
      .account(AmoAccount.of("defaults", AmoZone.AMOCRM_RU)).seniorManagerUserId(1).build();

  private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter()
      .withSeparators(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
          .withObjectEmptySeparator("")
          .withArrayEmptySeparator(""))
      .withObjectIndenter(new DefaultIndenter("  ", "\n"))
      .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private SettingsWriter() {}

  /** {@code s} as a settings file, ending with a newline. */
  public static String write(IntegrationSettings s) {
    try {
      return JsonInput.SETTINGS.mapper().writer(PRETTY).writeValueAsString(tree(s)) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write a JSON tree", e);
    }
  }

  private static ObjectNode tree(IntegrationSettings s) {
    ObjectNode out = F.objectNode();
    out.set("account", account(s.account()));
    if (!s.employees().isEmpty()) {
      ArrayNode employees = out.putArray("employees");
      s.employees().forEach(e -> employees.add(employee(e)));
    }
    out.putObject("seniorManager").put("amoUserId", s.seniorManagerUserId());
    if (!s.matrix().equals(DEFAULTS.matrix())) {
      out.set("matrix", MatrixWriter.write(s.matrix()));
    }
    s.defaultPipeline().ifPresent(t -> target(out.putObject("defaultPipeline"), t));
    if (!s.pipelineRules().isEmpty()) {
      ArrayNode rules = out.putArray("pipelineRules");
      s.pipelineRules().forEach(r -> rule(rules.addObject(), r));
    }
    if (!s.pipelines().isEmpty()) {
      ArrayNode pipelines = out.putArray("pipelines");
      s.pipelines().forEach(p -> pipeline(pipelines.addObject(), p));
    }
    if (!s.fieldMappings().isEmpty()) {
      ArrayNode mappings = out.putArray("fieldMappings");
      s.fieldMappings().forEach(m -> mapping(mappings.addObject(), m));
    }
    strings(out, "tags", s.tags());
    if (!s.taskTemplates().equals(DEFAULTS.taskTemplates())) {
      ObjectNode templates = out.putObject("taskTemplates");
      for (Map.Entry<String, TaskTemplate> e : s.taskTemplates().entrySet()) {
        template(templates.putObject(e.getKey()), e.getValue());
      }
    }
    putIfChanged(out, "contactNameTemplate", s.contactNameTemplate(), DEFAULTS.contactNameTemplate());
    putIfChanged(out, "dealNameTemplate", s.dealNameTemplate(), DEFAULTS.dealNameTemplate());
    if (!s.routing().equals(DEFAULTS.routing())) {
      out.set("routing", routing(s.routing()));
    }
    putIfChanged(out, "defaultCountry", s.defaultCountry(), DEFAULTS.defaultCountry());
    if (s.resendWindowDays() != DEFAULTS.resendWindowDays()) {
      out.put("resendWindowDays", s.resendWindowDays());
    }
    s.updateOnlyRetryDelay().ifPresent(d -> out.put("updateOnlyRetryDelay", Durations.format(d)));
    if (s.callPopup() != DEFAULTS.callPopup()) {
      out.put("callPopup", s.callPopup());
    }
    putIfChanged(out, "sourceName", s.sourceName(), DEFAULTS.sourceName());
    s.language().ifPresent(l -> out.put("language", l.code()));
    if (!s.messages().isEmpty()) {
      ObjectNode messages = out.putObject("messages");
      s.messages().forEach((lang, texts) -> {
        ObjectNode byKey = messages.putObject(lang);
        texts.forEach(byKey::put);
      });
    }
    if (s.ignoreInternalCalls() != DEFAULTS.ignoreInternalCalls()) {
      out.put("ignoreInternalCalls", s.ignoreInternalCalls());
    }
    if (!s.blockedNumbers().isEmpty()) {
      s.blockedNumbers().forEach(out.putArray("blockedNumbers")::add);
    }
    if (s.recordBlockedOnExisting() != DEFAULTS.recordBlockedOnExisting()) {
      out.put("recordBlockedOnExisting", s.recordBlockedOnExisting());
    }
    if (!s.minTalkTime().isEmpty()) {
      ObjectNode min = out.putObject("minTalkTime");
      s.minTalkTime().forEach((direction, d) ->
          min.put(direction.name().toLowerCase(Locale.ROOT), Durations.format(d)));
    }
    s.workingHours().ifPresent(h -> out.set("workingHours", WorkingHoursJson.write(h)));
    if (!s.trackingLines().isEmpty()) {
      ArrayNode lines = out.putArray("trackingLines");
      s.trackingLines().forEach(l -> line(lines.addObject(), l));
    }
    return out;
  }

  private static ObjectNode account(AmoAccount a) {
    ObjectNode out = F.objectNode();
    out.put("subdomain", a.subdomain());
    out.put("zone", a.zone().name());
    a.timeZone().ifPresent(z -> out.put("timeZone", z.getId()));
    return out;
  }

  private static ObjectNode employee(Employee e) {
    ObjectNode out = F.objectNode();
    out.put("code", e.code());
    out.put("name", e.name());
    e.email().ifPresent(v -> out.put("email", v));
    strings(out, "sipLogins", e.sipLogins());
    e.extension().ifPresent(v -> out.put("extension", v));
    strings(out, "phones", e.phones());
    out.put("amoUserId", e.amoUserId());
    return out;
  }

  private static void target(ObjectNode out, PipelineTarget t) {
    out.put("pipelineId", t.pipelineId());
    t.statusId().ifPresent(id -> out.put("statusId", id));
  }

  private static void rule(ObjectNode out, PipelineRule r) {
    target(out, r.target());
    if (r.isSimple()) {
      out.put("parameter", r.conditions().get(0).parameter());
      out.put("value", r.conditions().get(0).value());
      return;
    }
    ArrayNode when = out.putArray("when");
    for (CallCondition c : r.conditions()) {
      when.addObject().put("parameter", c.parameter())
          .put(c.operator().name().toLowerCase(Locale.ROOT), c.value());
    }
  }

  private static void line(ObjectNode out, TrackingLine l) {
    out.put("name", l.name());
    strings(out, "numbers", l.numbers());
    strings(out, "trunks", l.trunks());
    if (l.matrix().isPresent()) {
      out.set("matrix", MatrixWriter.write(l.matrix().get()));
    } else {
      out.put("ignore", true);
    }
  }

  private static void pipeline(ObjectNode out, AccountCatalog.Pipeline p) {
    out.put("id", p.id());
    out.put("name", p.name());
    if (p.main()) {
      out.put("main", true);
    }
    if (!p.statuses().isEmpty()) {
      ArrayNode statuses = out.putArray("statuses");
      p.statuses().forEach(st -> statuses.addObject().put("id", st.id()).put("name", st.name()));
    }
  }

  private static void mapping(ObjectNode out, FieldMapping m) {
    out.put("parameter", m.parameter());
    out.put("entity", m.entity().name());
    m.fieldId().ifPresent(id -> out.put("fieldId", id));
    m.fieldCode().ifPresent(c -> out.put("fieldCode", c));
    if (m.asTag()) {
      out.put("asTag", true);
    }
  }

  private static void template(ObjectNode out, TaskTemplate t) {
    out.put("text", t.text());
    out.put("deadline", Durations.format(t.deadline()));
    out.put("taskTypeId", t.taskTypeId());
  }

  private static ObjectNode routing(RoutingSettings r) {
    RoutingSettings d = RoutingSettings.DEFAULT;
    ObjectNode out = F.objectNode();
    if (!r.priority().equals(d.priority())) {
      ArrayNode priority = out.putArray("priority");
      r.priority().stream().map(RoutingTarget::name).forEach(priority::add);
    }
    if (r.strategy() != d.strategy()) {
      out.put("strategy", r.strategy().name());
    }
    if (!r.budget().equals(d.budget())) {
      out.put("budget", Durations.format(r.budget()));
    }
    if (!r.cacheTtl().equals(d.cacheTtl())) {
      out.put("cacheTtl", Durations.format(r.cacheTtl()));
    }
    if (r.cacheSize() != d.cacheSize()) {
      out.put("cacheSize", r.cacheSize());
    }
    return out;
  }

  private static void strings(ObjectNode out, String key, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = out.putArray(key);
      values.forEach(array::add);
    }
  }

  private static void putIfChanged(ObjectNode out, String key, String value, String dflt) {
    if (!value.equals(dflt)) {
      out.put(key, value);
    }
  }
}
