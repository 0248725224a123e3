package io.ringostat.amo.core.testing;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber;
import io.ringostat.amo.core.matrix.Assignee;
import io.ringostat.amo.core.matrix.DealPolicy;
import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.matrix.MatrixCell;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.matrix.RecordTarget;
import io.ringostat.amo.core.matrix.Scenario;
import io.ringostat.amo.core.matrix.TaskRule;
import io.ringostat.amo.core.matrix.Timing;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.CallProgress;
import io.ringostat.amo.core.plan.EffectKey;
import io.ringostat.amo.core.plan.EffectKind;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.CallCondition;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import io.ringostat.amo.core.settings.TaskTemplate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Generators of valid (and deliberately invalid) inputs of the decision core, for property tests
 * of the SDK and of users' own matrices: phones in many formats, employees and directories without
 * endpoint conflicts, settings over the presets and random valid matrices, pipeline rules, field
 * mappings, CRM views of every shape, call events of every phase and {@link CallProgress}.
 *
 * <p>Framework-neutral: every generator is a plain {@link Gen}, a function of a {@link
 * SplittableRandom} and a size, so it can be wrapped in any property tool. All instants derive
 * from {@link #BASE_TIME}; nothing reads a clock.
 *
 * <pre>{@code
 * Gen<DecisionInput> inputs = Generators.inputs()
 *     .settings(Generators.settings(myMatrix))
 *     .directions(CallDirection.INBOUND)
 *     .gen();
 * DecisionInput in = inputs.sample(seed, 10);
 * Plan plan = in.decide();
 * }</pre>
 */
public final class Generators {
  /** The instant every generated time is derived from. */
  public static final Instant BASE_TIME = Instant.parse("2024-05-06T09:00:00Z");

  /** Countries whose numbers {@link #phoneNumbers} generates. */
  public static final List<String> COUNTRIES = List.of("UA", "RU", "KZ", "PL", "DE", "US", "GB");

  /** An amoCRM user that is responsible for entities but belongs to no employee. */
  public static final long FOREIGN_USER = 7777;

  /** Values the tracking generators and the pipeline-rule generator share, so rules match. */
  public static final List<String> POOLS =
      List.of("Context ads", "SEO", "Facebook", "Контекстная реклама");
  public static final List<String> UTM_SOURCES = List.of("google", "facebook", "yandex", "email");
  public static final List<String> UTM_MEDIUMS = List.of("cpc", "organic", "social");
  public static final List<String> UTM_CAMPAIGNS = List.of("spring", "brand", "retargeting");
  public static final List<String> EXTRA_PARAMETERS = List.of("roistat_visit_id", "custom_x");

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final List<String> NAMES =
      List.of("Anna Kovalenko", "Bohdan Shevchenko", "Olena Bondar", "Ivan Petrov", "Maria Ivanova",
          "Taras Melnyk", "Sofia Kravets", "Dmytro Tkachenko");
  private static final List<String> MISSED = List.of("NO_ANSWER", "BUSY", "FAILED", "VOICEMAIL");
  private static final List<String> TEMPLATE_NAMES =
      List.of(MatrixPresets.MISSED_CALL_TASK, MatrixPresets.UNKNOWN_ENDPOINT_TASK,
          MatrixPresets.INVALID_PHONE_TASK);

  private Generators() {}

  // === phones ================================================================================

  /** One of {@link #COUNTRIES}. */
  public static Gen<String> countries() {
    return Gen.elements(COUNTRIES);
  }

  /**
   * National-number prefixes (area and operator codes) that {@link #phoneNumbers} draws from,
   * besides libphonenumber's example numbers: mobile operators, capitals, big cities, toll-free.
   */
  private static final Map<String, List<String>> PREFIXES = Map.of(
      "UA", List.of("44", "50", "63", "66", "67", "68", "73", "93", "95", "96", "97", "98", "99",
          "32", "48", "56", "57", "800"),
      "RU", List.of("495", "499", "812", "343", "383", "800", "846", "861", "901", "916", "926",
          "977", "999"),
      "KZ", List.of("727", "717", "701", "705", "747", "777"),
      "PL", List.of("22", "12", "501", "601", "691", "791"),
      "DE", List.of("30", "40", "89", "151", "160", "170", "176"),
      "US", List.of("201", "212", "415", "646", "718"),
      "GB", List.of("20", "121", "161", "7400", "7700", "7911"));

  /**
   * Numbers that libphonenumber considers valid in {@code country}: mobile, fixed-line and
   * toll-free, built from real operator and area codes ({@code 8 495 …} in Moscow, {@code 044 …}
   * in Kyiv, ...) with random subscriber digits.
   */
  public static Gen<PhoneNumber> phoneNumbers(String country) {
    int cc = UTIL.getCountryCodeForRegion(country);
    if (cc == 0) {
      throw new IllegalArgumentException("country: unknown " + country);
    }
    List<String> prefixes = new ArrayList<>(PREFIXES.getOrDefault(country, List.of()));
    int length = 0;
    for (PhoneNumberType t : List.of(PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE)) {
      Phonenumber.PhoneNumber ex = UTIL.getExampleNumberForType(country, t);
      if (ex != null) {
        String nsn = UTIL.getNationalSignificantNumber(ex);
        prefixes.add(nsn.substring(0, Math.max(2, nsn.length() - 5)));
        length = Math.max(length, nsn.length());
      }
    }
    List<String> options = List.copyOf(prefixes);
    int[] lengths = length >= 10 ? new int[] {length, length + 1, length - 1}
        : new int[] {length, length + 1};
    Gen<PhoneNumber> candidates = (random, size) -> {
      String prefix = options.get(random.nextInt(options.size()));
      int nsnLength = lengths[random.nextInt(lengths.length)];
      String rest = Gen.digits(Math.max(3, nsnLength - prefix.length())).generate(random, size);
      return new PhoneNumber(cc + prefix + rest);
    };
    return candidates.filter(Generators::isValidNumber);
  }

  /** A country and one of its numbers. */
  public static Gen<CountryPhone> countryPhones() {
    return countries().flatMap(c -> phoneNumbers(c).map(p -> new CountryPhone(c, p)));
  }

  /** A valid number and the country it is local to. */
  public record CountryPhone(String country, PhoneNumber phone) {}

  /**
   * {@code phone} written as a PBX might report it; every variant normalizes to {@code phone}
   * when {@code country} is the default country: {@code +380 44 123-45-67}, {@code
   * +380441234567}, {@code 380441234567}, {@code 00380441234567}, {@code tel:+380441234567}, and
   * the national formats where they carry a trunk prefix ({@code 0441234567}, {@code (044)
   * 123-45-67}, {@code 8 916 123-45-67}, {@code 89161234567}).
   */
  public static Gen<String> phoneFormats(PhoneNumber phone, String country) {
    return Gen.elements(phoneVariants(phone, country)).flatMap(v -> v);
  }

  /** Every format {@link #phoneFormats} can give for {@code phone}, once each. */
  public static Gen<List<String>> allPhoneFormats(PhoneNumber phone, String country) {
    List<Gen<String>> variants = phoneVariants(phone, country);
    return (random, size) -> variants.stream().map(g -> g.generate(random, size)).toList();
  }

  /** Every format {@link #phoneFormats} can give, with random separators drawn once. */
  private static List<Gen<String>> phoneVariants(PhoneNumber phone, String country) {
    Phonenumber.PhoneNumber pn = parse(phone);
    String international = UTIL.format(pn, PhoneNumberFormat.INTERNATIONAL);
    String national = UTIL.format(pn, PhoneNumberFormat.NATIONAL);
    String ndd = Optional.ofNullable(UTIL.getNddPrefixForRegion(country, true)).orElse("");
    boolean local = UTIL.getRegionCodeForNumber(pn) != null
        && UTIL.getCountryCodeForRegion(country) == pn.getCountryCode()
        && !ndd.isEmpty() && national.startsWith(ndd);
    List<Gen<String>> out = new ArrayList<>();
    out.add(Gen.constant(phone.e164()));
    out.add(Gen.constant(phone.digits()));
    out.add(Gen.constant("00" + phone.digits()));
    out.add(Gen.constant("tel:" + phone.e164()));
    out.add(Gen.constant(international));
    out.add(reseparate(international));
    out.add(Gen.constant("  " + phone.e164() + " "));
    if (local) {
      String compact = national.replaceAll("[^0-9]", "");
      out.add(Gen.constant(national));
      out.add(Gen.constant(compact));
      out.add(reseparate(national));
      if (country.equals("UA")) {
        out.add(Gen.constant("+38 " + national));
        out.add(Gen.constant("(" + compact.substring(0, 3) + ") " + compact.substring(3, 6) + "-"
            + compact.substring(6, 8) + "-" + compact.substring(8)));
      }
    }
    return out;
  }

  private static Gen<String> reseparate(String formatted) {
    return Gen.oneOf(" ", "-", ".", "", " - ").map(sep -> formatted.replace(" ", sep));
  }

  /**
   * Strings that are no phone number in any country: "anonymous" and its kin, empty and blank
   * strings, fragments of 1 to 6 digits (extensions), letters, more than 17 digits.
   */
  public static Gen<String> invalidPhones() {
    return Gen.oneOfGens(
        Gen.oneOf("anonymous", "Anonymous", "ANONYMOUS", "private", "unknown", "restricted",
            "withheld", "anonymous@pbx.example"),
        Gen.oneOf("", " ", "   "),
        Gen.ints(1, 6).flatMap(Gen::digits),
        Gen.oneOf("abc", "call-me", "555-CALL-NOW", "+", "tel:", "null", "n/a", "+38O441234567"),
        Gen.ints(18, 22).flatMap(Gen::digits).map(d -> "9" + d));
  }

  /**
   * Client phones for calls in {@code country}: usually a fresh valid number in some format,
   * sometimes an invalid string.
   */
  public static Gen<String> clientPhones(String country) {
    return Gen.frequency(List.of(
        Gen.weighted(9, phoneNumbers(country).flatMap(p -> phoneFormats(p, country))),
        Gen.weighted(1, invalidPhones())));
  }

  // === employees =============================================================================

  /**
   * One to seven employees with distinct codes, SIP logins, extensions, phones and amoCRM users:
   * no endpoint names two employees (R-IN-2). Logins contain letters, extensions are three digits
   * and phones at least seven, so no endpoint of one kind equals one of another kind. A failing
   * list shrinks to fewer employees (at least one).
   */
  public static Gen<List<Employee>> employees(String country) {
    Gen<List<Employee>> employees = (random, size) -> {
      int n = 1 + random.nextInt(Math.min(6, 1 + size / 4) + 1);
      Set<String> phones = new HashSet<>();
      List<Employee> out = new ArrayList<>();
      Gen<PhoneNumber> numbers = phoneNumbers(country);
      for (int i = 0; i < n; i++) {
        String code = "E" + (101 + i);
        String name = NAMES.get(i % NAMES.size()) + (i >= NAMES.size() ? " " + i : "");
        Employee.Builder b = Employee.builder().code(code).name(name).amoUserId(5001 + i);
        if (random.nextInt(3) > 0) {
          b.email(name.toLowerCase(Locale.ROOT).replace(' ', '.') + "@example.com");
        }
        int logins = random.nextInt(3);
        for (int j = 0; j < logins; j++) {
          b.addSipLogin(j == 0 ? "sip-" + code.toLowerCase(Locale.ROOT)
              : code.toLowerCase(Locale.ROOT) + "-foreign@other-pbx.example");
        }
        if (random.nextInt(3) > 0) {
          b.extension(String.valueOf(101 + i));
        }
        int phoneCount = random.nextInt(3);
        for (int j = 0; j < phoneCount; j++) {
          PhoneNumber p = numbers.generate(random, size);
          if (phones.add(p.digits())) {
            b.addPhone(phoneFormats(p, country).generate(random, size));
          }
        }
        if (logins == 0 && phoneCount == 0) {
          b.addSipLogin("sip-" + code.toLowerCase(Locale.ROOT));
        }
        out.add(b.build());
      }
      return List.copyOf(out);
    };
    return employees.shrinkWith(Shrink.list(Shrink.none(), 1));
  }

  /** A directory of {@link #employees}; a failing one shrinks to fewer employees. */
  public static Gen<EmployeeDirectory> directories(String country) {
    PhoneNormalizer normalizer = PhoneNormalizer.forCountry(country);
    Shrink<List<Employee>> fewer = Shrink.list(Shrink.none(), 1);
    return employees(country).map(list -> EmployeeDirectory.of(list, normalizer))
        .shrinkWith(d -> fewer.candidates(d.all()).map(l -> EmployeeDirectory.of(l, normalizer)));
  }

  /**
   * Endpoints that name {@code employee}, as a PBX may report them: a SIP login as given, in upper
   * case, with {@code sip:} or with a host; the extension; a phone in another format.
   */
  public static Gen<String> endpointsOf(Employee employee, String country) {
    List<Gen<String>> options = new ArrayList<>();
    for (String login : employee.sipLogins()) {
      options.add(Gen.constant(login));
      options.add(Gen.constant(login.toUpperCase(Locale.ROOT)));
      options.add(Gen.constant("sip:" + login));
      if (!login.contains("@")) {
        options.add(Gen.constant(login + "@pbx.example"));
      }
    }
    employee.extension().ifPresent(x -> options.add(Gen.constant(x)));
    PhoneNormalizer normalizer = PhoneNormalizer.forCountry(country);
    for (String p : employee.phones()) {
      normalizer.normalize(p).number().ifPresent(n -> options.add(phoneFormats(n, country)));
    }
    return Gen.elements(options).flatMap(g -> g);
  }

  /** Endpoints that name no employee of {@code settings}. */
  public static Gen<String> unknownEndpoints(IntegrationSettings settings) {
    String country = settings.defaultCountry();
    return Gen.oneOfGens(
            Gen.digits(4).map(d -> "sip:ghost-" + d),
            Gen.digits(4).map(d -> "trainee-" + d + "@pbx.example"),
            Gen.ints(900, 999).map(String::valueOf),
            phoneNumbers(country).flatMap(p -> phoneFormats(p, country)))
        .filter(e -> settings.directory().byEndpoint(e).isEmpty());
  }

  /**
   * Deliberately invalid: valid employees plus one that claims another's SIP login (in another
   * case or with {@code sip:}), extension or phone (in another format). {@link EmployeeDirectory#of}
   * rejects them (R-IN-2).
   */
  public static Gen<List<Employee>> conflictingEmployees(String country) {
    return (random, size) -> {
      List<Employee> valid = employees(country).generate(random, size);
      Employee victim = valid.get(random.nextInt(valid.size()));
      Employee.Builder b = Employee.builder().code("X" + (900 + random.nextInt(99)))
          .name("Impostor").amoUserId(6900);
      List<Runnable> ways = new ArrayList<>();
      for (String login : victim.sipLogins()) {
        ways.add(() -> b.addSipLogin(random.nextBoolean() ? login.toUpperCase(Locale.ROOT)
            : "sip:" + login));
      }
      victim.extension().ifPresent(x -> ways.add(() -> b.extension(" " + x)));
      PhoneNormalizer normalizer = PhoneNormalizer.forCountry(country);
      for (String p : victim.phones()) {
        normalizer.normalize(p).number()
            .ifPresent(n -> ways.add(() -> b.addPhone(phoneFormats(n, country)
                .generate(random, size))));
      }
      ways.get(random.nextInt(ways.size())).run();
      List<Employee> out = new ArrayList<>(valid);
      out.add(random.nextInt(out.size() + 1), b.build());
      return List.copyOf(out);
    };
  }

  // === matrices ==============================================================================

  /** One of the presets. */
  public static Gen<DecisionMatrix> presets() {
    return Gen.elements(MatrixPresets.ALL);
  }

  /** Task rules naming one of the default task templates. */
  public static Gen<TaskRule> taskRules() {
    return (random, size) -> new TaskRule(
        Gen.oneOf(Assignee.values()).generate(random, size),
        Gen.elements(TEMPLATE_NAMES).generate(random, size));
  }

  /** Any valid cell for {@code scenario}: unsorted requests only in inbound new-client cells. */
  public static Gen<MatrixCell> cells(Scenario scenario) {
    boolean unsortedAllowed =
        scenario.direction() == CallDirection.INBOUND && !scenario.existingClient();
    return (random, size) -> {
      MatrixCell.Builder b = MatrixCell.builder();
      if (unsortedAllowed && random.nextInt(4) == 0) {
        b.createUnsorted(true);
      } else {
        b.createContact(random.nextBoolean());
        b.deal(Gen.oneOf(DealPolicy.values()).generate(random, size));
      }
      b.createOn(Gen.oneOf(Timing.values()).generate(random, size));
      b.recordCall(Gen.oneOf(RecordTarget.values()).generate(random, size));
      if (random.nextInt(3) == 0) {
        b.task(taskRules().generate(random, size));
      }
      b.assignee(Gen.oneOf(Assignee.values()).generate(random, size));
      b.updateTracking(random.nextInt(4) == 0);
      return b.build();
    };
  }

  /** A matrix with a random valid cell for every scenario. */
  public static Gen<DecisionMatrix> randomMatrices() {
    return (random, size) -> {
      DecisionMatrix.Builder b = DecisionMatrix.builder().name("random");
      for (Scenario s : Scenario.values()) {
        b.putCell(s, cells(s).generate(random, size));
      }
      if (random.nextInt(4) > 0) {
        b.unknownEndpointTask(taskRules().generate(random, size));
      }
      return b.build();
    };
  }

  /** A preset with one or two cells replaced, as a user copies and changes one. */
  public static Gen<DecisionMatrix> changedPresets() {
    return (random, size) -> {
      DecisionMatrix m = presets().generate(random, size);
      int changes = 1 + random.nextInt(2);
      for (int i = 0; i < changes; i++) {
        Scenario s = Gen.oneOf(Scenario.values()).generate(random, size);
        m = m.withCell(s, cells(s).generate(random, size));
      }
      return m.withName(m.name() + "-changed");
    };
  }

  /** The presets half of the time, otherwise changed presets and random matrices. */
  public static Gen<DecisionMatrix> matrices() {
    return Gen.frequency(List.of(
        Gen.weighted(2, presets()), Gen.weighted(1, changedPresets()),
        Gen.weighted(1, randomMatrices())));
  }

  // === settings ==============================================================================

  /** One to three pipelines with two to four open statuses each, plus 142 and 143. */
  public static Gen<List<AccountCatalog.Pipeline>> pipelines() {
    return (random, size) -> {
      int n = 1 + random.nextInt(3);
      List<AccountCatalog.Pipeline> out = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long id = 3_383_100 + i * 10L;
        List<AccountCatalog.Status> statuses = new ArrayList<>();
        int open = 2 + random.nextInt(3);
        for (int j = 0; j < open; j++) {
          statuses.add(new AccountCatalog.Status(id * 10 + j + 1, "Stage " + (j + 1)));
        }
        statuses.add(new AccountCatalog.Status(CrmDeal.WON, "Won"));
        statuses.add(new AccountCatalog.Status(CrmDeal.LOST, "Lost"));
        out.add(new AccountCatalog.Pipeline(id, "Pipeline " + (i + 1), i == 0, statuses));
      }
      return List.copyOf(out);
    };
  }

  /** A pipeline of {@code pipelines} and, sometimes, one of its open statuses. */
  public static Gen<PipelineTarget> pipelineTargets(List<AccountCatalog.Pipeline> pipelines) {
    return (random, size) -> {
      AccountCatalog.Pipeline p = pipelines.get(random.nextInt(pipelines.size()));
      List<AccountCatalog.Status> open = p.statuses().stream()
          .filter(s -> s.id() != CrmDeal.WON && s.id() != CrmDeal.LOST).toList();
      return random.nextBoolean() ? PipelineTarget.of(p.id())
          : PipelineTarget.of(p.id(), open.get(random.nextInt(open.size())).id());
    };
  }

  /**
   * Pipeline rules over the parameters and values the tracking generator uses, so that zero,
   * one or several rules match a generated call; values sometimes differ in case and spaces.
   */
  public static Gen<List<PipelineRule>> pipelineRules(List<AccountCatalog.Pipeline> pipelines) {
    Gen<PipelineRule> rule = (random, size) -> {
      PipelineTarget target = pipelineTargets(pipelines).generate(random, size);
      if (random.nextInt(3) > 0) {
        CallCondition c = condition(random, size, CallCondition.Operator.EQUALS);
        return new PipelineRule(target, c.parameter(), c.value());
      }
      // a condition group: all of one to three conditions, any operator
      List<CallCondition> group = new java.util.ArrayList<>();
      int n = 1 + random.nextInt(3);
      for (int i = 0; i < n; i++) {
        group.add(condition(random, size, Gen.oneOf(CallCondition.Operator.values())
            .generate(random, size)));
      }
      return new PipelineRule(target, group);
    };
    return Gen.listOf(rule, 0, 5);
  }

  /** One condition over a parameter and a value the tracking generator uses. */
  private static CallCondition condition(java.util.SplittableRandom random, int size,
      CallCondition.Operator op) {
    String parameter = Gen.oneOf(CallParameters.POOL, CallParameters.UTM_SOURCE,
        CallParameters.UTM_MEDIUM, CallParameters.UTM_CAMPAIGN, "roistat_visit_id", "custom_x",
        CallParameters.TRACKING_PHONE).generate(random, size);
    String whole = valuesOf(parameter).generate(random, size);
    String value = whole;
    int cut = 1 + random.nextInt(value.length());
    switch (op) {
      case PREFIX:
        value = value.substring(0, cut);
        break;
      case CONTAINS:
        value = value.substring(random.nextInt(cut), cut);
        break;
      case MATCHES:
        value = "^" + java.util.regex.Pattern.quote(value.substring(0, cut))
            + (random.nextBoolean() ? ".*$" : "");
        break;
      case EQUALS:
      default:
        break;
    }
    if (value.isBlank()) {
      value = whole;
    }
    if (op != CallCondition.Operator.MATCHES && random.nextInt(5) == 0) {
      value = " " + value.toUpperCase(Locale.ROOT) + " ";
    }
    return new CallCondition(parameter, op, value);
  }

  private static Gen<String> valuesOf(String parameter) {
    switch (parameter) {
      case CallParameters.POOL: return Gen.elements(POOLS);
      case CallParameters.UTM_SOURCE: return Gen.elements(UTM_SOURCES);
      case CallParameters.UTM_MEDIUM: return Gen.elements(UTM_MEDIUMS);
      case CallParameters.UTM_CAMPAIGN: return Gen.elements(UTM_CAMPAIGNS);
      case "roistat_visit_id": return Gen.oneOf("1001", "1002", "1003");
      case CallParameters.TRACKING_PHONE: return Gen.oneOf("+380441110001", "+380441110002");
      default: return Gen.oneOf("a", "b");
    }
  }

  /** Field mappings of call parameters into deal and contact fields (by id or code) and tags. */
  public static Gen<List<FieldMapping>> fieldMappings() {
    Gen<FieldMapping> mapping = (random, size) -> {
      String parameter = Gen.oneOf(CallParameters.POOL, CallParameters.UTM_SOURCE,
          CallParameters.UTM_MEDIUM, CallParameters.UTM_CAMPAIGN, CallParameters.UTM_TERM,
          CallParameters.LANDING_PAGE, CallParameters.GA_CLIENT_ID, CallParameters.TRACKING_PHONE,
          "roistat_visit_id", "custom_x").generate(random, size);
      EntityType entity = random.nextInt(3) == 0 ? EntityType.CONTACT : EntityType.DEAL;
      int kind = random.nextInt(4);
      Optional<Long> id = kind == 0 ? Optional.of(771_000L + random.nextInt(100)) : Optional.empty();
      Optional<String> code = kind == 1 || kind == 2
          ? Optional.of(parameter.toUpperCase(Locale.ROOT)) : Optional.empty();
      boolean tag = kind >= 2 || random.nextInt(4) == 0;
      return new FieldMapping(parameter, entity, id, code, tag);
    };
    return Gen.listOf(mapping, 0, 5);
  }

  /** Settings with a matrix from {@link #matrices()}. */
  public static Gen<IntegrationSettings> settings() {
    return settings(matrices());
  }

  /** Settings with {@code matrix}. */
  public static Gen<IntegrationSettings> settings(DecisionMatrix matrix) {
    return settings(Gen.constant(matrix));
  }

  /**
   * Valid settings: a country of {@link #COUNTRIES}, {@link #employees}, a senior manager (an
   * employee's user or a user without telephony), the matrix, pipelines known or not, rules,
   * mappings, tags, sometimes overridden task templates and name templates, the update-only retry
   * delay and the incoming-call popup.
   */
  public static Gen<IntegrationSettings> settings(Gen<DecisionMatrix> matrices) {
    return (random, size) -> {
      String country = countries().generate(random, size);
      List<Employee> employees = employees(country).generate(random, size);
      IntegrationSettings.Builder b = IntegrationSettings.builder()
          .account(AmoAccount.builder().subdomain("acme").build())
          .defaultCountry(country)
          .employees(employees)
          .matrix(matrices.generate(random, size));
      b.seniorManagerUserId(random.nextBoolean()
          ? employees.get(random.nextInt(employees.size())).amoUserId() : 5000);
      List<AccountCatalog.Pipeline> pipelines = pipelines().generate(random, size);
      if (random.nextInt(4) > 0) {
        b.pipelines(pipelines);
      }
      if (random.nextBoolean()) {
        b.defaultPipeline(pipelineTargets(pipelines).generate(random, size));
      }
      b.pipelineRules(pipelineRules(pipelines).generate(random, size));
      b.fieldMappings(fieldMappings().generate(random, size));
      b.tags(Gen.subsetOf(List.of("ringostat", "call")).generate(random, size));
      if (random.nextInt(4) == 0) {
        b.putTaskTemplate(MatrixPresets.MISSED_CALL_TASK, new TaskTemplate(
            "Call {client_phone} back ({pool})", Duration.ofMinutes(15), TaskTemplate.CALL));
      }
      if (random.nextInt(4) == 0) {
        b.putTaskTemplate(MatrixPresets.UNKNOWN_ENDPOINT_TASK, new TaskTemplate(
            "Unknown endpoint {endpoint} answered {client_phone}", Duration.ofHours(1), 2));
      }
      if (random.nextInt(4) == 0) {
        b.contactNameTemplate(Gen.oneOf("Client {client_phone}", "{pool}: {client_phone}")
            .generate(random, size));
      }
      if (random.nextInt(4) == 0) {
        b.dealNameTemplate(Gen.oneOf("Call {call_id}", "{pool} / {client_phone}")
            .generate(random, size));
      }
      if (random.nextBoolean()) {
        b.updateOnlyRetryDelay(Duration.ofSeconds(random.nextInt(301)));
      }
      b.callPopup(random.nextInt(4) == 0);
      return b.build();
    };
  }

  /** Settings that fail to build, and the paths of the problems the failure must list. */
  public record InvalidSettings(IntegrationSettings.Builder builder, List<String> expectedPaths) {
    @Override
    public String toString() {
      return "InvalidSettings" + expectedPaths;
    }
  }

  /** What {@link #invalidSettings} can break. */
  public enum SettingsFault {
    /** Two employees claim one endpoint (R-IN-2): path {@code employees}. */
    CONFLICTING_ENDPOINTS,
    /** A rule's status is not in its pipeline (R-PIPE): {@code pipelineRules[i].statusId}. */
    RULE_STATUS_OUTSIDE_PIPELINE,
    /** A rule names a pipeline the account lacks (R-PIPE): {@code pipelineRules[i].pipelineId}. */
    RULE_UNKNOWN_PIPELINE,
    /** A matrix task names no template: {@code matrix.cells.SCENARIO.task.template}. */
    UNKNOWN_TEMPLATE,
    /** Not an ISO country (R-PHONE): {@code defaultCountry}. */
    BAD_COUNTRY,
    /** {@code seniorManagerUserId} not positive. */
    NO_SENIOR_MANAGER,
    /** A mapping that writes nowhere (R-FIELDS): {@code fieldMappings[i]}. */
    MAPPING_WITHOUT_TARGET,
    /** An unknown placeholder: {@code dealNameTemplate}. */
    UNKNOWN_PLACEHOLDER
  }

  /** Settings with one to three of {@link SettingsFault}s at once. */
  public static Gen<InvalidSettings> invalidSettings() {
    return (random, size) -> {
      List<SettingsFault> faults = new ArrayList<>(EnumSet.allOf(SettingsFault.class));
      int n = 1 + random.nextInt(3);
      List<SettingsFault> chosen = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        chosen.add(faults.remove(random.nextInt(faults.size())));
      }
      return invalidSettings(chosen).generate(random, size);
    };
  }

  /** Settings with exactly {@code faults}. */
  public static Gen<InvalidSettings> invalidSettings(List<SettingsFault> faults) {
    return (random, size) -> {
      boolean badCountry = faults.contains(SettingsFault.BAD_COUNTRY);
      String country = countries().generate(random, size);
      List<Employee> employees = faults.contains(SettingsFault.CONFLICTING_ENDPOINTS)
          ? conflictingEmployees(country).generate(random, size)
          : employees(country).generate(random, size);
      List<AccountCatalog.Pipeline> pipelines = pipelines().generate(random, size);
      IntegrationSettings.Builder b = IntegrationSettings.builder()
          .account(AmoAccount.builder().subdomain("acme").build())
          .defaultCountry(badCountry ? "XX" : country)
          .employees(employees)
          .pipelines(pipelines)
          .seniorManagerUserId(faults.contains(SettingsFault.NO_SENIOR_MANAGER) ? 0 : 5000);
      List<String> paths = new ArrayList<>();
      if (faults.contains(SettingsFault.CONFLICTING_ENDPOINTS) && !badCountry) {
        paths.add("employees");
      }
      if (badCountry) {
        paths.add("defaultCountry");
      }
      if (faults.contains(SettingsFault.NO_SENIOR_MANAGER)) {
        paths.add("seniorManagerUserId");
      }
      List<PipelineRule> rules = new ArrayList<>(pipelineRules(pipelines).generate(random, size));
      if (faults.contains(SettingsFault.RULE_STATUS_OUTSIDE_PIPELINE)) {
        AccountCatalog.Pipeline p = pipelines.get(random.nextInt(pipelines.size()));
        int at = random.nextInt(rules.size() + 1);
        rules.add(at, new PipelineRule(PipelineTarget.of(p.id(), 99_999), CallParameters.POOL,
            POOLS.get(0)));
        paths.add("pipelineRules[" + at + "].statusId");
      }
      if (faults.contains(SettingsFault.RULE_UNKNOWN_PIPELINE)) {
        int at = rules.size();
        rules.add(new PipelineRule(PipelineTarget.of(42), CallParameters.UTM_SOURCE, "google"));
        paths.add("pipelineRules[" + at + "].pipelineId");
      }
      if (faults.contains(SettingsFault.RULE_STATUS_OUTSIDE_PIPELINE)
          && faults.contains(SettingsFault.RULE_UNKNOWN_PIPELINE)) {
        // the status fault's index may have moved: recompute both from the final list
        paths.removeIf(p -> p.startsWith("pipelineRules["));
        for (int i = 0; i < rules.size(); i++) {
          PipelineTarget t = rules.get(i).target();
          if (t.pipelineId() == 42) {
            paths.add("pipelineRules[" + i + "].pipelineId");
          } else if (t.statusId().equals(Optional.of(99_999L))) {
            paths.add("pipelineRules[" + i + "].statusId");
          }
        }
      }
      b.pipelineRules(rules);
      if (faults.contains(SettingsFault.UNKNOWN_TEMPLATE)) {
        Scenario s = Gen.oneOf(Scenario.values()).generate(random, size);
        b.matrix(MatrixPresets.RECOMMENDED.withCell(s, MatrixPresets.RECOMMENDED.cell(s)
            .withTask(Optional.of(new TaskRule(Assignee.RESPONSIBLE, "no-such-template")))));
        paths.add("matrix.cells." + s + ".task.template");
      }
      List<FieldMapping> mappings = new ArrayList<>(fieldMappings().generate(random, size));
      if (faults.contains(SettingsFault.MAPPING_WITHOUT_TARGET)) {
        int at = random.nextInt(mappings.size() + 1);
        mappings.add(at, new FieldMapping(CallParameters.UTM_SOURCE, EntityType.DEAL,
            Optional.empty(), Optional.empty(), false));
        paths.add("fieldMappings[" + at + "]");
      }
      b.fieldMappings(mappings);
      if (faults.contains(SettingsFault.UNKNOWN_PLACEHOLDER)) {
        b.dealNameTemplate("Call from {caller_name}");
        paths.add("dealNameTemplate");
      }
      return new InvalidSettings(b, List.copyOf(paths));
    };
  }

  // === tracking and calls ====================================================================

  /** Call-tracking data: a random subset of pool, UTM tags, pages, GA id and extra parameters. */
  public static Gen<Tracking> trackings() {
    return (random, size) -> {
      Tracking.Builder b = Tracking.builder();
      if (random.nextInt(3) > 0) {
        b.pool(Gen.elements(POOLS).generate(random, size));
      }
      if (random.nextInt(3) > 0) {
        b.utmSource(Gen.elements(UTM_SOURCES).generate(random, size));
        b.utmMedium(Gen.elements(UTM_MEDIUMS).generate(random, size));
      }
      if (random.nextBoolean()) {
        b.utmCampaign(Gen.elements(UTM_CAMPAIGNS).generate(random, size));
      }
      if (random.nextInt(4) == 0) {
        b.utmTerm(Gen.oneOf("crm", "telephony", " ").generate(random, size));
      }
      if (random.nextInt(4) == 0) {
        b.utmContent("banner-" + random.nextInt(3));
      }
      if (random.nextInt(3) == 0) {
        b.landingPage("https://shop.example/" + Gen.oneOf("", "sale", "contacts")
            .generate(random, size));
      }
      if (random.nextInt(4) == 0) {
        b.referrer("https://www.google.com/");
      }
      if (random.nextInt(4) == 0) {
        b.adSource("google_ads");
      }
      if (random.nextInt(3) == 0) {
        b.gaClientId("GA1.2." + Gen.digits(9).generate(random, size));
      }
      if (random.nextBoolean()) {
        b.putExtra("roistat_visit_id", valuesOf("roistat_visit_id").generate(random, size));
      }
      if (random.nextInt(4) == 0) {
        b.putExtra("custom_x", Gen.oneOf("a", "b", "").generate(random, size));
      }
      return b.build();
    };
  }

  /** Which endpoint a generated call reports. */
  public enum EndpointKind {
    /** An endpoint of one of the settings' employees. */
    KNOWN,
    /** An endpoint that belongs to no employee. */
    UNKNOWN,
    /** No endpoint at all. */
    ABSENT
  }

  /**
   * What a generated call is like; every field left empty is random. Build one with {@link
   * #calls()}.
   */
  public static final class CallSpec {
    private final Optional<CallDirection> direction;
    private final Optional<Boolean> answered;
    private final Optional<Gen<String>> clientPhone;
    private final Optional<EndpointKind> endpoint;

    private CallSpec(Optional<CallDirection> direction, Optional<Boolean> answered,
        Optional<Gen<String>> clientPhone, Optional<EndpointKind> endpoint) {
      this.direction = direction;
      this.answered = answered;
      this.clientPhone = clientPhone;
      this.endpoint = endpoint;
    }

    public CallSpec direction(CallDirection d) {
      return new CallSpec(Optional.of(d), answered, clientPhone, endpoint);
    }

    public CallSpec answered(boolean a) {
      return new CallSpec(direction, Optional.of(a), clientPhone, endpoint);
    }

    /** The client phone strings to use (default: {@link #clientPhones} of the settings). */
    public CallSpec clientPhone(Gen<String> phones) {
      return new CallSpec(direction, answered, Optional.of(phones), endpoint);
    }

    public CallSpec endpoint(EndpointKind kind) {
      return new CallSpec(direction, answered, clientPhone, Optional.of(kind));
    }

    /**
     * All events of one call for {@code settings}, in order: sometimes RINGING, an ANSWERED
     * event for most answered calls, always ENDED (hosts that only emit ENDED give a one-event
     * list). Instants are consistent; the answering endpoint is the same in every event.
     */
    public Gen<List<CallEvent>> events(IntegrationSettings settings) {
      return (random, size) -> outline(settings, random, size).events();
    }

    /** Every event the call can have: RINGING, ANSWERED (when answered) and ENDED. */
    public Gen<List<CallEvent>> allEvents(IntegrationSettings settings) {
      return (random, size) -> {
        Outline o = outline(settings, random, size);
        o.ringing = true;
        o.answeredEvent = o.answered;
        return o.events();
      };
    }

    /** One event of a call: any phase. */
    public Gen<CallEvent> event(IntegrationSettings settings) {
      return events(settings).flatMap(Gen::elements);
    }

    private Outline outline(IntegrationSettings s, SplittableRandom random, int size) {
      Outline o = new Outline();
      o.callId = "call-" + Gen.strings("0123456789abcdef", 8, 8).generate(random, size);
      o.direction = direction.orElseGet(() -> Gen.oneOf(CallDirection.values())
          .generate(random, size));
      o.answered = answered.orElseGet(() -> random.nextInt(5) < 3);
      o.disposition = o.answered ? Disposition.ANSWERED
          : Disposition.valueOf(Gen.elements(MISSED).generate(random, size));
      o.clientPhone = clientPhone.orElseGet(() -> clientPhones(s.defaultCountry()))
          .generate(random, size);
      EndpointKind kind = endpoint.orElseGet(() -> {
        int r = random.nextInt(20);
        boolean reports = o.answered || o.direction == CallDirection.OUTBOUND;
        if (!reports) {
          return r < 2 ? EndpointKind.KNOWN : EndpointKind.ABSENT;
        }
        return r < 16 ? EndpointKind.KNOWN : r < 19 ? EndpointKind.UNKNOWN : EndpointKind.ABSENT;
      });
      switch (kind) {
        case KNOWN:
          Employee e = s.employees().get(random.nextInt(s.employees().size()));
          o.endpoint = Optional.of(endpointsOf(e, s.defaultCountry()).generate(random, size));
          break;
        case UNKNOWN:
          o.endpoint = Optional.of(unknownEndpoints(s).generate(random, size));
          break;
        case ABSENT:
        default:
          o.endpoint = Optional.empty();
      }
      if (random.nextInt(3) > 0) {
        o.trackingPhone = Optional.of(valuesOf(CallParameters.TRACKING_PHONE)
            .generate(random, size));
      }
      o.tracking = o.direction == CallDirection.INBOUND || random.nextInt(4) == 0
          ? trackings().generate(random, size) : Tracking.EMPTY;
      o.startedAt = BASE_TIME.plusSeconds(random.nextInt(10 * 24 * 3600));
      o.wait = Duration.ofSeconds(random.nextInt(91));
      o.talk = Duration.ofSeconds(1 + random.nextInt(1800));
      if (o.answered && random.nextInt(10) < 7) {
        o.recordingUrl = Optional.of("https://records.example/" + o.callId + ".mp3");
      }
      o.ringing = random.nextInt(3) == 0;
      o.answeredEvent = o.answered && random.nextInt(4) > 0;
      return o;
    }
  }

  /** A call spec with everything random. */
  public static CallSpec calls() {
    return new CallSpec(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The events of one call (see {@link CallSpec#events}). */
  public static Gen<List<CallEvent>> calls(IntegrationSettings settings) {
    return calls().events(settings);
  }

  /** One event of some call for {@code settings}. */
  public static Gen<CallEvent> callEvents(IntegrationSettings settings) {
    return calls().event(settings);
  }

  private static final class Outline {
    String callId;
    CallDirection direction;
    boolean answered;
    Disposition disposition;
    String clientPhone;
    Optional<String> trackingPhone = Optional.empty();
    Optional<String> endpoint = Optional.empty();
    Tracking tracking;
    Instant startedAt;
    Duration wait;
    Duration talk;
    Optional<String> recordingUrl = Optional.empty();
    boolean ringing;
    boolean answeredEvent;

    List<CallEvent> events() {
      List<CallEvent> out = new ArrayList<>();
      if (ringing) {
        out.add(base(CallPhase.RINGING)
            .employeeEndpoint(direction == CallDirection.OUTBOUND ? endpoint : Optional.empty())
            .build());
      }
      Instant answeredAt = startedAt.plus(wait);
      if (answeredEvent) {
        out.add(base(CallPhase.ANSWERED).employeeEndpoint(endpoint).answeredAt(answeredAt)
            .build());
      }
      CallEvent.Builder ended = base(CallPhase.ENDED).disposition(disposition)
          .employeeEndpoint(endpoint).recordingUrl(recordingUrl);
      if (answered) {
        ended.answeredAt(answeredAt).endedAt(answeredAt.plus(talk));
      } else {
        ended.endedAt(startedAt.plus(wait));
      }
      out.add(ended.build());
      return List.copyOf(out);
    }

    private CallEvent.Builder base(CallPhase phase) {
      return CallEvent.builder().callId(callId).phase(phase).direction(direction)
          .clientPhone(clientPhone).trackingPhone(trackingPhone).startedAt(startedAt)
          .tracking(tracking);
    }
  }

  /** A call event builder that must fail to build, and the field its message names. */
  public record InvalidCall(CallEvent.Builder builder, String field) {
    @Override
    public String toString() {
      return "InvalidCall[" + field + "]";
    }
  }

  /**
   * Deliberately invalid events (R-IN-1): a blank or too long call id, an ENDED event without a
   * disposition, an answer before the start, an end before the answer.
   */
  public static Gen<InvalidCall> invalidCallEvents() {
    return (random, size) -> {
      CallEvent.Builder b = CallEvent.builder().callId("call-1").direction(CallDirection.INBOUND)
          .clientPhone("+380441234567").startedAt(BASE_TIME);
      switch (random.nextInt(5)) {
        case 0:
          return new InvalidCall(b.callId(Gen.oneOf("", " ", "\t").generate(random, size))
              .phase(CallPhase.RINGING), "callId");
        case 1:
          return new InvalidCall(b.callId("c".repeat(CallEvent.MAX_CALL_ID_LENGTH + 1
              + random.nextInt(10))).phase(CallPhase.RINGING), "callId");
        case 2:
          return new InvalidCall(b.phase(CallPhase.ENDED).endedAt(BASE_TIME.plusSeconds(30)),
              "disposition");
        case 3:
          return new InvalidCall(b.phase(CallPhase.ANSWERED)
              .answeredAt(BASE_TIME.minusSeconds(1 + random.nextInt(60))), "answeredAt");
        default:
          return new InvalidCall(b.phase(CallPhase.ENDED).disposition(Disposition.ANSWERED)
              .answeredAt(BASE_TIME.plusSeconds(20))
              .endedAt(BASE_TIME.plusSeconds(19 - random.nextInt(10))), "endedAt");
      }
    };
  }

  // === CRM views =============================================================================

  /** The shapes of what the CRM may hold for a phone. */
  public enum ViewShape {
    /** Nothing: a new client. */
    NO_CLIENT,
    /** Only closed deals, no contact: still a new client (R-CLASS). */
    CLOSED_DEALS_ONLY,
    /** An open deal found by phone without a contact. */
    OPEN_DEAL_WITHOUT_CONTACT,
    CONTACT_ONLY,
    CONTACT_WITH_OPEN_DEALS,
    CONTACT_WITH_CLOSED_DEALS,
    CONTACT_WITH_OPEN_AND_CLOSED_DEALS,
    /** Two or three contacts with the phone, each with some deals. */
    SEVERAL_CONTACTS,
    /** A pending unsorted request (R-UNS), nothing accepted yet. */
    PENDING_UNSORTED,
    /**
     * A contact (sometimes with an open deal) and, beside it, a pending unsorted request for the
     * same phone: the contact and its deal are the targets, the request is not (R-UNS, R-CLASS).
     */
    CONTACT_BESIDE_PENDING_UNSORTED;

    /** True when a view of this shape makes the client existing. */
    public boolean existing() {
      return this != NO_CLIENT && this != CLOSED_DEALS_ONLY;
    }

    /**
     * The shape of {@code view}, read from its contacts, deals and unsorted requests; empty for a
     * view {@link #crmViews} never gives (unsorted requests beside deals without a contact, or
     * beside several contacts or a closed deal).
     */
    public static Optional<ViewShape> of(CrmView view) {
      int contacts = view.contacts().size();
      long open = view.deals().stream().filter(CrmDeal::isOpen).count();
      long closed = view.deals().size() - open;
      if (!view.unsorted().isEmpty()) {
        if (contacts == 0 && view.deals().isEmpty()) {
          return Optional.of(PENDING_UNSORTED);
        }
        return contacts == 1 && closed == 0 ? Optional.of(CONTACT_BESIDE_PENDING_UNSORTED)
            : Optional.empty();
      }
      if (contacts == 0) {
        return Optional.of(view.deals().isEmpty() ? NO_CLIENT
            : open > 0 ? OPEN_DEAL_WITHOUT_CONTACT : CLOSED_DEALS_ONLY);
      }
      if (contacts > 1) {
        return Optional.of(SEVERAL_CONTACTS);
      }
      if (open > 0) {
        return Optional.of(closed > 0 ? CONTACT_WITH_OPEN_AND_CLOSED_DEALS
            : CONTACT_WITH_OPEN_DEALS);
      }
      return Optional.of(closed > 0 ? CONTACT_WITH_CLOSED_DEALS : CONTACT_ONLY);
    }
  }

  /** Views of any shape for {@code phone}. */
  public static Gen<CrmView> crmViews(PhoneNumber phone, IntegrationSettings settings) {
    return crmViews(phone, settings, EnumSet.allOf(ViewShape.class));
  }

  /**
   * Views of one of {@code shapes} for {@code phone}: responsible users are the settings'
   * employees, the senior manager, {@link #FOREIGN_USER} or none; deals are in the settings'
   * pipelines; contacts list their deals. Contacts and deals are ordered by id and carry no
   * companies, as {@link FakeCrm#view} gives them.
   */
  public static Gen<CrmView> crmViews(PhoneNumber phone, IntegrationSettings settings,
      Set<ViewShape> shapes) {
    List<ViewShape> options = List.copyOf(shapes);
    return (random, size) -> {
      ViewShape shape = options.get(random.nextInt(options.size()));
      return viewOf(shape, phone, settings, random, size);
    };
  }

  private static CrmView viewOf(ViewShape shape, PhoneNumber phone, IntegrationSettings s,
      SplittableRandom random, int size) {
    List<Long> users = new ArrayList<>();
    s.employees().forEach(e -> users.add(e.amoUserId()));
    users.add(s.seniorManagerUserId());
    users.add(FOREIGN_USER);
    Function<SplittableRandom, Optional<Long>> responsible = r -> r.nextInt(10) == 0
        ? Optional.empty() : Optional.of(users.get(r.nextInt(users.size())));
    List<Long> pipelineIds = s.pipelines().isEmpty() ? List.of(3_383_100L)
        : s.pipelines().stream().map(AccountCatalog.Pipeline::id).toList();
    long[] nextDeal = {20_001};
    Function<Boolean, Function<Optional<Long>, CrmDeal>> deal = open -> contact -> {
      long id = nextDeal[0]++;
      long pipeline = pipelineIds.get(random.nextInt(pipelineIds.size()));
      long status = open ? pipeline * 10 + 1 : random.nextBoolean() ? CrmDeal.WON : CrmDeal.LOST;
      return new CrmDeal(id, "Deal " + id, pipeline, status, responsible.apply(random), contact,
          updatedAt(random));
    };
    List<CrmContact> contacts = new ArrayList<>();
    List<CrmDeal> deals = new ArrayList<>();
    List<CrmUnsorted> unsorted = new ArrayList<>();
    int contactCount;
    int open;
    int closed;
    switch (shape) {
      case NO_CLIENT:
        return CrmView.empty(phone);
      case CLOSED_DEALS_ONLY:
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
          deals.add(deal.apply(false).apply(Optional.empty()));
        }
        return new CrmView(phone, List.of(), deals, List.of(), List.of());
      case OPEN_DEAL_WITHOUT_CONTACT:
        deals.add(deal.apply(true).apply(Optional.empty()));
        if (random.nextBoolean()) {
          deals.add(deal.apply(false).apply(Optional.empty()));
        }
        return new CrmView(phone, List.of(), deals, List.of(), List.of());
      case PENDING_UNSORTED:
        for (int i = 0; i < 1 + random.nextInt(2); i++) {
          boolean ids = random.nextInt(5) > 0;
          unsorted.add(new CrmUnsorted("unsorted-" + (i + 1),
              Optional.of(pipelineIds.get(0)),
              ids ? Optional.of(40_001L + i) : Optional.empty(),
              ids ? Optional.of(30_001L + i) : Optional.empty(),
              random.nextBoolean() ? Optional.of(s.seniorManagerUserId())
                  : responsible.apply(random),
              random.nextBoolean() ? Optional.of(BASE_TIME.minusSeconds(3600L * (i + 1)))
                  : Optional.empty()));
        }
        return new CrmView(phone, List.of(), List.of(), List.of(), unsorted);
      case CONTACT_BESIDE_PENDING_UNSORTED:
        CrmView withContact = viewOf(random.nextBoolean() ? ViewShape.CONTACT_ONLY
            : ViewShape.CONTACT_WITH_OPEN_DEALS, phone, s, random, size);
        CrmView pending = viewOf(ViewShape.PENDING_UNSORTED, phone, s, random, size);
        return new CrmView(phone, withContact.contacts(), withContact.deals(), List.of(),
            pending.unsorted());
      case CONTACT_ONLY:
        contactCount = 1;
        open = 0;
        closed = 0;
        break;
      case CONTACT_WITH_OPEN_DEALS:
        contactCount = 1;
        open = 1 + random.nextInt(2);
        closed = 0;
        break;
      case CONTACT_WITH_CLOSED_DEALS:
        contactCount = 1;
        open = 0;
        closed = 1 + random.nextInt(2);
        break;
      case CONTACT_WITH_OPEN_AND_CLOSED_DEALS:
        contactCount = 1;
        open = 1 + random.nextInt(2);
        closed = 1 + random.nextInt(2);
        break;
      case SEVERAL_CONTACTS:
      default:
        contactCount = 2 + random.nextInt(2);
        open = random.nextInt(3);
        closed = random.nextInt(2);
        break;
    }
    for (int c = 0; c < contactCount; c++) {
      long contactId = 10_001 + c;
      List<Long> ids = new ArrayList<>();
      int o = contactCount == 1 ? open : (c == 0 ? open : random.nextInt(2));
      int x = contactCount == 1 ? closed : (c == 0 ? closed : random.nextInt(2));
      for (int i = 0; i < o + x; i++) {
        CrmDeal d = deal.apply(i < o).apply(Optional.of(contactId));
        deals.add(d);
        ids.add(d.id());
      }
      contacts.add(new CrmContact(contactId, "Client " + (c + 1), responsible.apply(random), ids,
          Optional.empty(), updatedAt(random)));
    }
    deals.sort(java.util.Comparator.comparingLong(CrmDeal::id));
    return new CrmView(phone, contacts, deals, List.of(), List.of());
  }

  private static Optional<Instant> updatedAt(SplittableRandom random) {
    return random.nextInt(3) == 0 ? Optional.empty()
        : Optional.of(BASE_TIME.minusSeconds(3600L * (1 + random.nextInt(24 * 30))));
  }

  // === progress ==============================================================================

  /**
   * Arbitrary progress for {@code callId}: a random subset of the effects a decision can produce,
   * each with made-up created ids. Not necessarily consistent with any CRM; for totality checks.
   * For realistic progress, run plans through {@link FakeCrm}.
   */
  public static Gen<CallProgress> callProgress(String callId) {
    return (random, size) -> {
      Map<EffectKey, Map<EntityType, Long>> done = new LinkedHashMap<>();
      if (random.nextInt(3) == 0) {
        done.put(EffectKey.of(callId, EffectKind.CREATE_CONTACT), Map.of(EntityType.CONTACT, 90_001L));
      }
      if (random.nextInt(3) == 0) {
        done.put(EffectKey.of(callId, EffectKind.CREATE_DEAL), Map.of(EntityType.DEAL, 90_002L));
      }
      if (random.nextInt(5) == 0) {
        done.put(EffectKey.of(callId, EffectKind.CREATE_UNSORTED),
            Map.of(EntityType.DEAL, 90_003L, EntityType.CONTACT, 90_004L));
      }
      for (String target : List.of("deal", "contact")) {
        if (random.nextInt(4) == 0) {
          done.put(EffectKey.of(callId, EffectKind.RECORD_CALL, target), Map.of());
        }
        if (random.nextInt(6) == 0) {
          done.put(EffectKey.of(callId, EffectKind.UPDATE_FIELDS, target), Map.of());
        }
      }
      for (String template : TEMPLATE_NAMES) {
        if (random.nextInt(4) == 0) {
          done.put(EffectKey.of(callId, EffectKind.CREATE_TASK, template), Map.of());
        }
      }
      if (random.nextInt(5) == 0) {
        done.put(EffectKey.of(callId, EffectKind.NOTIFY), Map.of());
      }
      return CallProgress.of(done);
    };
  }

  // === decision inputs =======================================================================

  /** The settings of {@link #inputs()} until they are set: any matrix. */
  private static final Gen<IntegrationSettings> ANY_SETTINGS = settings();

  /** A builder of {@link DecisionInput} generators; everything not set is random. */
  public static Inputs inputs() {
    return new Inputs(ANY_SETTINGS, calls(), EnumSet.allOf(ViewShape.class), 0,
        EnumSet.allOf(CallPhase.class), false);
  }

  /** Configures generated {@link DecisionInput}s. Immutable. */
  public static final class Inputs {
    private final Gen<IntegrationSettings> settings;
    private final CallSpec calls;
    private final Set<ViewShape> shapes;
    private final int randomProgressPercent;
    private final Set<CallPhase> phases;
    private final boolean validPhones;

    private Inputs(Gen<IntegrationSettings> settings, CallSpec calls, Set<ViewShape> shapes,
        int randomProgressPercent, Set<CallPhase> phases, boolean validPhones) {
      this.settings = settings;
      this.calls = calls;
      this.shapes = shapes;
      this.randomProgressPercent = randomProgressPercent;
      this.phases = phases;
      this.validPhones = validPhones;
    }

    public Inputs settings(Gen<IntegrationSettings> s) {
      return new Inputs(s, calls, shapes, randomProgressPercent, phases, validPhones);
    }

    /** Settings with {@code matrix}. */
    public Inputs matrix(DecisionMatrix matrix) {
      return settings(Generators.settings(matrix));
    }

    public Inputs calls(CallSpec c) {
      return new Inputs(settings, c, shapes, randomProgressPercent, phases, validPhones);
    }

    public Inputs directions(CallDirection d) {
      return calls(calls.direction(d));
    }

    public Inputs answered(boolean a) {
      return calls(calls.answered(a));
    }

    public Inputs endpoint(EndpointKind kind) {
      return calls(calls.endpoint(kind));
    }

    /** Only valid client phones (a fresh number of the settings' country, in some format). */
    public Inputs validPhones() {
      return new Inputs(settings, calls, shapes, randomProgressPercent, phases, true);
    }

    /** Views of these shapes only (a view is absent anyway when the phone is invalid). */
    public Inputs shapes(ViewShape first, ViewShape... rest) {
      return new Inputs(settings, calls, EnumSet.of(first, rest), randomProgressPercent, phases,
          validPhones);
    }

    /** Views of these shapes only. */
    public Inputs shapes(Set<ViewShape> s) {
      return new Inputs(settings, calls, EnumSet.copyOf(s), randomProgressPercent, phases,
          validPhones);
    }

    /**
     * Events of these phases only; an ANSWERED event needs an answered call, so combine {@code
     * phases(ANSWERED)} with {@code answered(true)} (otherwise generation retries).
     */
    public Inputs phases(CallPhase first, CallPhase... rest) {
      return new Inputs(settings, calls, shapes, randomProgressPercent, EnumSet.of(first, rest),
          validPhones);
    }

    /** Arbitrary {@link #callProgress} in {@code percent} % of inputs, empty otherwise. */
    public Inputs randomProgress(int percent) {
      return new Inputs(settings, calls, shapes, percent, phases, validPhones);
    }

    /**
     * The inputs; a failing one is shrunk by {@link InputShrink} within these choices (views of
     * the allowed shapes, the event's phase, the endpoint when its kind is fixed, the matrix
     * unless settings were set).
     */
    public Gen<DecisionInput> gen() {
      Gen<DecisionInput> inputs = (random, size) -> {
        for (int attempt = 0; attempt < Gen.FILTER_TRIES; attempt++) {
          IntegrationSettings s = settings.generate(random, size);
          CallSpec spec = calls;
          if (validPhones) {
            String country = s.defaultCountry();
            spec = spec.clientPhone(phoneNumbers(country).flatMap(p -> phoneFormats(p, country)));
          }
          List<CallEvent> eligible = spec.allEvents(s).generate(random, size).stream()
              .filter(e -> phases.contains(e.phase())).toList();
          if (eligible.isEmpty()) {
            continue;
          }
          CallEvent event = eligible.get(random.nextInt(eligible.size()));
          Optional<PhoneNumber> phone = s.phoneNormalizer().normalize(event.clientPhone()).number();
          Optional<CrmView> view = phone.map(p -> crmViews(p, s, shapes).generate(random, size));
          CallProgress progress = random.nextInt(100) < randomProgressPercent
              ? callProgress(event.callId()).generate(random, size) : CallProgress.empty();
          return new DecisionInput(s, event, view, progress);
        }
        throw new IllegalStateException("inputs: no call has an event of phases " + phases);
      };
      return inputs.shrinkWith(InputShrink.inputs(shapes, calls.endpoint.isPresent(),
          settings == ANY_SETTINGS));
    }
  }

  // === helpers ===============================================================================

  private static Phonenumber.PhoneNumber parse(PhoneNumber phone) {
    try {
      return UTIL.parse(phone.e164(), null);
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      throw new IllegalArgumentException("not a number: " + phone, e);
    }
  }

  private static boolean isValidNumber(PhoneNumber phone) {
    try {
      return UTIL.isValidNumber(UTIL.parse(phone.e164(), null));
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      return false;
    }
  }
}
