package io.ringostat.amo.core.model;

import static io.ringostat.amo.core.testing.ExampleWorld.ANNA_KOVALENKO;
import static io.ringostat.amo.core.testing.ExampleWorld.BOHDAN_SHEVCHENKO;
import static io.ringostat.amo.core.testing.ExampleWorld.OLENA_BONDAR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding the employee behind an endpoint, and rejecting endpoints two employees claim (R-IN-2). */
class EmployeeDirectoryTest {
  private static final PhoneNormalizer UA = PhoneNormalizer.forCountry("UA");
  private static final EmployeeDirectory DIRECTORY =
      EmployeeDirectory.of(List.of(OLENA_BONDAR, ANNA_KOVALENKO, BOHDAN_SHEVCHENKO), UA);

  @ParameterizedTest(name = "R-IN-2 ''{0}'' is Anna")
  @ValueSource(strings = {"anna", "ANNA", " anna ", "sip:anna", "anna@pbx.example",
      "sip:anna@pbx.example", "anna-mobile@other-pbx.example", "101", "+380 67 111 22 33",
      "0671112233", "380671112233"})
  void findsAnnaByAnyOfHerEndpoints(String endpoint) {
    assertThat(DIRECTORY.byEndpoint(endpoint)).contains(ANNA_KOVALENKO);
  }

  @ParameterizedTest(name = "R-IN-2 ''{0}'' is nobody")
  @ValueSource(strings = {"", " ", "ann", "sip:trainee-7", "103", "+380 50 000 00 00",
      "anna-mobile"})
  void unknownEndpoints(String endpoint) {
    assertThat(DIRECTORY.byEndpoint(endpoint)).isEmpty();
  }

  @Test
  @DisplayName("R-IN-2 an employee is found by amoCRM user; the directory keeps settings order")
  void byAmoUser() {
    assertThat(DIRECTORY.byAmoUser(5002)).contains(BOHDAN_SHEVCHENKO);
    assertThat(DIRECTORY.byAmoUser(9999)).isEmpty();
    assertThat(DIRECTORY.all()).containsExactly(OLENA_BONDAR, ANNA_KOVALENKO, BOHDAN_SHEVCHENKO);
  }

  @Test
  @DisplayName("R-IN-2 a SIP login, an extension or a phone claimed by two employees is rejected,"
      + " every conflict listed")
  void conflictingEndpointsOfOneKind() {
    Employee impostor = Employee.builder().code("900").name("Impostor").addSipLogin("SIP:Anna")
        .extension(" 102 ").addPhone("067 111 22 33").amoUserId(6900).build();
    List<Employee> employees = List.of(ANNA_KOVALENKO, BOHDAN_SHEVCHENKO, impostor);
    assertThat(EmployeeDirectory.conflicts(employees, UA)).containsExactly(
        "SIP login 'anna' belongs to employees 101 and 900",
        "extension '102' belongs to employees 102 and 900",
        "phone '380671112233' belongs to employees 101 and 900");
    assertThatThrownBy(() -> EmployeeDirectory.of(employees, UA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SIP login 'anna' belongs to employees 101 and 900");
  }

  @Test
  @DisplayName("R-IN-2 a SIP login of one employee equal to another's extension or phone is"
      + " rejected too: the call event reports just the string")
  void conflictingEndpointsOfDifferentKinds() {
    Employee a = Employee.builder().code("A").name("A").addSipLogin("101").amoUserId(1).build();
    Employee b = Employee.builder().code("B").name("B").extension("101").amoUserId(2).build();
    Employee c = Employee.builder().code("C").name("C").addSipLogin("380441234567").amoUserId(3)
        .build();
    Employee d = Employee.builder().code("D").name("D").addPhone("+380 44 123 45 67").amoUserId(4)
        .build();
    assertThat(EmployeeDirectory.conflicts(List.of(a, b, c, d), UA)).containsExactly(
        "extension '101' of employee B is also the SIP login '101' of employee A: an endpoint"
            + " belongs to employees A and B",
        "phone '380441234567' of employee D is also the SIP login '380441234567' of employee C:"
            + " an endpoint belongs to employees C and D");
  }

  @Test
  @DisplayName("R-IN-2 one employee may use the same value as login and extension")
  void sameEmployeeSameValue() {
    Employee e = Employee.builder().code("101").name("Anna").addSipLogin("101").extension("101")
        .amoUserId(1).build();
    assertThat(EmployeeDirectory.conflicts(List.of(e), UA)).isEmpty();
    assertThat(EmployeeDirectory.of(List.of(e), UA).byEndpoint("101")).contains(e);
  }

  @Test
  @DisplayName("R-IN-2 an employee needs a code and a positive amoCRM user")
  void employeeChecks() {
    assertThatThrownBy(() -> Employee.builder().code(" ").name("X").amoUserId(1).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("code:");
    assertThatThrownBy(() -> Employee.builder().code("X").name("X").amoUserId(0).build())
        .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("amoUserId:");
  }
}
