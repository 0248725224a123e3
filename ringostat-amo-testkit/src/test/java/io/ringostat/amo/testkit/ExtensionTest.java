package io.ringostat.amo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JUnit 5 extension: one fresh emulator per test, also injectable as a parameter. */
class ExtensionTest {
  @RegisterExtension
  final AmoEmulatorExtension amo =
      AmoEmulatorExtension.of(AmoEmulator.builder().user(504141, "Anna").rateLimit(0));

  @Test
  void startsAnEmulatorForTheTest(AmoEmulator injected) throws Exception {
    assertThat(injected).isSameAs(amo.emulator());
    TestHttp http = new TestHttp(amo.baseUrl(), amo.token(), new okhttp3.OkHttpClient());
    assertThat(http.get("/api/v4/account").status()).isEqualTo(200);
    injected.addContact("Ivan", "+380441234567", 504141);
  }

  @Test
  void eachTestGetsAFreshOne() {
    assertThat(amo.emulator().contacts()).isEmpty();
  }

  @Test
  void outsideATestThereIsNoEmulator() {
    AmoEmulatorExtension idle = AmoEmulatorExtension.create();
    assertThatThrownBy(idle::emulator).isInstanceOf(IllegalStateException.class);
  }
}
