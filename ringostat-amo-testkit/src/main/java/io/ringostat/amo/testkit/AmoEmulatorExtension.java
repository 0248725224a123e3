package io.ringostat.amo.testkit;

import java.util.Objects;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that runs an {@link AmoEmulator} around tests. Registered on an instance field,
 * it starts a fresh emulator before each test and closes it after; on a static field, one emulator
 * serves the whole class. Test methods may also take an {@code AmoEmulator} parameter.
 *
 * <pre>{@code
 * @RegisterExtension
 * final AmoEmulatorExtension amo = AmoEmulatorExtension.of(AmoEmulator.builder().user(504141, "Anna"));
 *
 * @Test void createsTheContact() {
 *   // ... code under test against amo.baseUrl() with amo.token() ...
 *   assertThat(amo.emulator().contactsByPhone("+380441234567")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Needs {@code junit-jupiter-api} on the test classpath (an optional dependency of this module).
 * Not thread-safe across concurrently running tests that share one static instance.
 */
public final class AmoEmulatorExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final AmoEmulator.Builder builder;
  private AmoEmulator emulator;
  private boolean perClass;

  private AmoEmulatorExtension(AmoEmulator.Builder builder) {
    this.builder = Objects.requireNonNull(builder, "builder");
  }

  /** An extension with the default emulator ({@link AmoEmulator#builder()}). */
  public static AmoEmulatorExtension create() {
    return new AmoEmulatorExtension(AmoEmulator.builder());
  }

  /** An extension starting emulators from {@code builder}. */
  public static AmoEmulatorExtension of(AmoEmulator.Builder builder) {
    return new AmoEmulatorExtension(builder);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    emulator = builder.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (emulator == null) {
      emulator = builder.start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void stop() {
    if (emulator != null) {
      emulator.close();
      emulator = null;
    }
  }

  /**
   * The running emulator.
   *
   * @throws IllegalStateException outside a test
   */
  public AmoEmulator emulator() {
    if (emulator == null) {
      throw new IllegalStateException("the emulator runs only during a test");
    }
    return emulator;
  }

  /** Shortcut for {@code emulator().baseUrl()}. */
  public String baseUrl() {
    return emulator().baseUrl();
  }

  /** Shortcut for {@code emulator().token()}. */
  public String token() {
    return emulator().token();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == AmoEmulator.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return emulator();
  }

  @Override
  public String toString() {
    return "AmoEmulatorExtension[" + (emulator == null ? "stopped" : emulator) + "]";
  }
}
