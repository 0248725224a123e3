package io.ringostat.amo.core.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the employee behind an endpoint (R-IN-2): a SIP login (case-insensitive, with or without
 * {@code sip:} and {@code @host}), an extension, or a phone number in any format. An endpoint
 * identifies at most one employee; {@link #of} rejects directories where it would not.
 *
 * <p>Immutable and thread-safe.
 */
public final class EmployeeDirectory {
  private final List<Employee> employees;
  private final Map<String, Employee> byLogin;
  private final Map<String, Employee> byExtension;
  private final Map<String, Employee> byPhone;
  private final Map<Long, Employee> byUser;
  private final PhoneNormalizer normalizer;

  private EmployeeDirectory(
      List<Employee> employees,
      Map<String, Employee> byLogin,
      Map<String, Employee> byExtension,
      Map<String, Employee> byPhone,
      Map<Long, Employee> byUser,
      PhoneNormalizer normalizer) {
    this.employees = employees;
    this.byLogin = byLogin;
    this.byExtension = byExtension;
    this.byPhone = byPhone;
    this.byUser = byUser;
    this.normalizer = normalizer;
  }

  /**
   * Builds a directory.
   *
   * @throws IllegalArgumentException listing every endpoint that names two employees
   */
  public static EmployeeDirectory of(List<Employee> employees, PhoneNormalizer normalizer) {
    List<String> conflicts = conflicts(employees, normalizer);
    if (!conflicts.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", conflicts));
    }
    Map<String, Employee> logins = new LinkedHashMap<>();
    Map<String, Employee> extensions = new LinkedHashMap<>();
    Map<String, Employee> phones = new LinkedHashMap<>();
    Map<Long, Employee> users = new LinkedHashMap<>();
    for (Employee e : employees) {
      e.sipLogins().forEach(l -> logins.put(loginKey(l), e));
      e.extension().ifPresent(x -> extensions.put(x.trim(), e));
      for (String p : e.phones()) {
        normalizer.normalize(p).number().ifPresent(n -> phones.put(n.digits(), e));
      }
      users.putIfAbsent(e.amoUserId(), e);
    }
    return new EmployeeDirectory(List.copyOf(employees), logins, extensions, phones, users,
        normalizer);
  }

  /**
   * Every endpoint that two employees claim, as "{@code kind 'value': employees A and B}"; empty
   * when the directory is consistent. An endpoint of one kind also conflicts with an equal one of
   * another kind (a SIP login {@code 101} of one employee and the extension {@code 101} of
   * another), since a call event reports just the string. Used by settings validation to report
   * all at once.
   */
  public static List<String> conflicts(List<Employee> employees, PhoneNormalizer normalizer) {
    Map<String, String> owner = new LinkedHashMap<>();
    Map<String, String[]> byValue = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Employee e : employees) {
      Map<String, String> keys = new LinkedHashMap<>();
      e.sipLogins().forEach(l -> keys.put("SIP login '" + loginKey(l) + "'", loginKey(l)));
      e.extension().ifPresent(x -> keys.put("extension '" + x.trim() + "'",
          x.trim().toLowerCase(Locale.ROOT)));
      for (String p : e.phones()) {
        normalizer.normalize(p).number()
            .ifPresent(n -> keys.put("phone '" + n.digits() + "'", n.digits()));
      }
      for (Map.Entry<String, String> key : keys.entrySet()) {
        String previous = owner.putIfAbsent(key.getKey(), e.code());
        if (previous != null && !previous.equals(e.code())) {
          problems.add(key.getKey() + " belongs to employees " + previous + " and " + e.code());
          continue;
        }
        String[] other = byValue.putIfAbsent(key.getValue(), new String[] {e.code(), key.getKey()});
        if (other != null && !other[0].equals(e.code()) && !other[1].equals(key.getKey())) {
          problems.add(key.getKey() + " of employee " + e.code() + " is also the " + other[1]
              + " of employee " + other[0] + ": an endpoint belongs to employees " + other[0]
              + " and " + e.code());
        }
      }
    }
    return problems;
  }

  /** The employee behind {@code endpoint}, if any. */
  public Optional<Employee> byEndpoint(String endpoint) {
    if (endpoint == null || endpoint.isBlank()) {
      return Optional.empty();
    }
    String key = loginKey(endpoint);
    Employee e = byLogin.get(key);
    if (e == null) {
      int at = key.indexOf('@');
      if (at > 0) {
        e = byLogin.get(key.substring(0, at));
      }
    }
    if (e == null) {
      e = byExtension.get(endpoint.trim());
    }
    if (e == null) {
      e = normalizer.normalize(endpoint).number().map(n -> byPhone.get(n.digits())).orElse(null);
    }
    return Optional.ofNullable(e);
  }

  /** The employee one of whose phones normalizes to {@code phone}, if any. */
  public Optional<Employee> byPhone(PhoneNumber phone) {
    return Optional.ofNullable(byPhone.get(phone.digits()));
  }

  /** The employee linked to amoCRM user {@code userId}, if any. */
  public Optional<Employee> byAmoUser(long userId) {
    return Optional.ofNullable(byUser.get(userId));
  }

  /** All employees, in settings order. */
  public List<Employee> all() {
    return Collections.unmodifiableList(employees);
  }

  private static String loginKey(String login) {
    String k = login.trim().toLowerCase(Locale.ROOT);
    return k.startsWith("sip:") ? k.substring(4) : k;
  }
}
