/**
 * An in-process, stateful emulator of amoCRM's REST API v4 for tests and demos: {@link
 * io.ringostat.amo.testkit.AmoEmulator} serves the endpoints the SDK uses over real HTTP on
 * 127.0.0.1, with amoCRM's response shapes, ids, 204s, validation errors, OAuth, rate limit and
 * account block, plus {@link io.ringostat.amo.testkit.Faults fault injection} and an inspection
 * API.
 *
 * <pre>{@code
 * try (AmoEmulator amo = AmoEmulator.builder().user(504141, "Anna").start()) {
 *   runMyIntegration(amo.baseUrl(), amo.token());
 *   assertThat(amo.contactsByPhone("+380441234567")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>See {@code docs/testkit.md} for the endpoint table and the choices made where amoCRM's
 * behaviour is not documented.
 */
package io.ringostat.amo.testkit;
