package io.ringostat.amo.testkit.internal;

import io.ringostat.amo.testkit.internal.Account.EnumDef;
import io.ringostat.amo.testkit.internal.Account.FieldDef;
import io.ringostat.amo.testkit.internal.Account.PipelineDef;
import io.ringostat.amo.testkit.internal.Account.StatusDef;
import io.ringostat.amo.testkit.internal.Account.UserDef;
import io.ringostat.amo.testkit.internal.EmulatorConfig.FieldSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.PipelineSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.StatusSpec;
import io.ringostat.amo.testkit.internal.EmulatorConfig.UserSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the {@link Account} from a config: default admin user, default pipeline, the built-in
 * PHONE/EMAIL and tracking fields, then what the builder added.
 */
public final class AccountFactory {
  /** The account id every entity carries in {@code account_id} (made up, realistic size). */
  static final long ACCOUNT_ID = 29876543L;

  /** The user the emulator creates when the builder names none. */
  static final long DEFAULT_ADMIN_ID = 504141L;

  /** The pipeline the emulator creates when the builder names none. */
  static final long DEFAULT_PIPELINE_ID = 3383152L;

  /**
   * Built-in tracking-field codes on leads (type {@code tracking_data}). The list is not in the
   * official docs (reference §11.5, §16.11): observed in third-party code.
   */
  static final List<String> TRACKING_CODES =
      List.of(
          "UTM_SOURCE",
          "UTM_MEDIUM",
          "UTM_CAMPAIGN",
          "UTM_TERM",
          "UTM_CONTENT",
          "UTM_REFERRER",
          "ROISTAT");

  private static final List<String> PHONE_ENUMS =
      List.of("WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER");
  private static final List<String> EMAIL_ENUMS = List.of("WORK", "PRIV", "OTHER");

  private long nextEnumId = 800001;
  private long nextStatusId = 80000001;

  private AccountFactory() {}

  /** True when the emulator creates a field with {@code code} on {@code entity} by default. */
  public static boolean hasBuiltInField(String entity, String code) {
    switch (entity) {
      case "contacts":
        return List.of("PHONE", "EMAIL", "POSITION").contains(code);
      case "companies":
        return List.of("PHONE", "EMAIL", "WEB").contains(code);
      case "leads":
        return TRACKING_CODES.contains(code);
      default:
        return false;
    }
  }

  static Account create(EmulatorConfig c) {
    return new AccountFactory().build(c);
  }

  private Account build(EmulatorConfig c) {
    Map<Long, UserDef> users = new LinkedHashMap<>();
    List<UserSpec> specs =
        c.users().isEmpty() ? List.of(new UserSpec(DEFAULT_ADMIN_ID, "Admin", true)) : c.users();
    long current = c.currentUserId().orElse(specs.get(0).id());
    for (UserSpec u : specs) {
      users.put(
          u.id(),
          new UserDef(
              u.id(), u.name(), "user" + u.id() + "@example.com", u.active(), u.id() == current));
    }
    if (!users.containsKey(current)) {
      throw new IllegalArgumentException("currentUser: " + current + " is not a seeded user");
    }

    List<PipelineSpec> pipelineSpecs =
        c.pipelines().isEmpty()
            ? List.of(
                new PipelineSpec(
                    DEFAULT_PIPELINE_ID,
                    "Воронка",
                    true,
                    List.of(
                        new StatusSpec(33929752, "Первичный контакт"),
                        new StatusSpec(33929755, "Переговоры"),
                        new StatusSpec(33929758, "Принимают решение"))))
            : c.pipelines();
    boolean anyMain = pipelineSpecs.stream().anyMatch(PipelineSpec::main);
    Map<Long, PipelineDef> pipelines = new LinkedHashMap<>();
    int sort = 1;
    for (PipelineSpec p : pipelineSpecs) {
      boolean main = p.main() || (!anyMain && sort == 1);
      pipelines.put(p.id(), pipeline(p, main, sort++));
    }

    Map<String, List<FieldDef>> fields = new LinkedHashMap<>();
    List<FieldDef> contacts = new ArrayList<>();
    contacts.add(field("contacts", 700001, "Телефон", "PHONE", "multitext", 4, PHONE_ENUMS, true));
    contacts.add(field("contacts", 700002, "Email", "EMAIL", "multitext", 6, EMAIL_ENUMS, true));
    contacts.add(field("contacts", 700003, "Должность", "POSITION", "text", 2, List.of(), true));
    List<FieldDef> companies = new ArrayList<>();
    companies.add(
        field("companies", 700011, "Телефон", "PHONE", "multitext", 4, PHONE_ENUMS, true));
    companies.add(field("companies", 700012, "Email", "EMAIL", "multitext", 6, EMAIL_ENUMS, true));
    companies.add(field("companies", 700013, "Web", "WEB", "url", 8, List.of(), true));
    List<FieldDef> leads = new ArrayList<>();
    long id = 700101;
    int fieldSort = 10;
    for (String code : TRACKING_CODES) {
      leads.add(
          field(
              "leads",
              id++,
              code.toLowerCase(Locale.ROOT),
              code,
              "tracking_data",
              fieldSort++,
              List.of(),
              true));
    }
    fields.put("contacts", contacts);
    fields.put("leads", leads);
    fields.put("companies", companies);
    int extraSort = 500;
    for (FieldSpec f : c.customFields()) {
      List<FieldDef> list = fields.get(f.entity());
      if (list == null) {
        throw new IllegalArgumentException(
            "customField: entity must be contacts, leads or companies");
      }
      list.removeIf(x -> x.id() == f.id() || (f.code() != null && f.code().equals(x.code())));
      list.add(
          field(f.entity(), f.id(), f.name(), f.code(), f.type(), extraSort++, f.enums(), false));
    }
    return new Account(
        ACCOUNT_ID,
        c.accountName(),
        c.subdomain(),
        c.timeZone(),
        c.country(),
        current,
        users,
        pipelines,
        fields);
  }

  private PipelineDef pipeline(PipelineSpec p, boolean main, int sort) {
    List<StatusDef> statuses = new ArrayList<>();
    statuses.add(new StatusDef(nextStatusId++, "Неразобранное", 10, 1, "#c1c1c1", false, p.id()));
    int s = 20;
    for (StatusSpec st : p.statuses()) {
      if (st.id() == Account.WON || st.id() == Account.LOST) {
        continue;
      }
      statuses.add(new StatusDef(st.id(), st.name(), s, 0, "#99ccff", true, p.id()));
      s += 10;
    }
    statuses.add(
        new StatusDef(Account.WON, "Успешно реализовано", 10000, 0, "#CCFF66", false, p.id()));
    statuses.add(
        new StatusDef(
            Account.LOST, "Закрыто и не реализовано", 11000, 0, "#D5D8DB", false, p.id()));
    return new PipelineDef(p.id(), p.name(), sort, main, statuses);
  }

  private FieldDef field(
      String entity,
      long id,
      String name,
      String code,
      String type,
      int sort,
      List<String> enums,
      boolean predefined) {
    List<EnumDef> e = new ArrayList<>();
    int s = 2;
    for (String v : enums) {
      e.add(new EnumDef(nextEnumId++, v, s));
      s += 2;
    }
    return new FieldDef(id, entity, name, code, type, sort, e, predefined);
  }
}
