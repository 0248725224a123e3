package io.ringostat.amo.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.EmployeeDirectory;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.settings.InvalidSettingsException;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.SettingsProblem;
import io.ringostat.amo.core.testing.Generators.ViewShape;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The generators give what they promise, so that properties built on them test the core and not
 * the generators. Users reusing the generators get these guarantees.
 */
class GeneratorsProperties {

  @Covers({"R-IN-3"})
  @TestFactory
  Stream<DynamicTest> validGenerators() {
    return Stream.of(
        Property.forAll(Generators.settings()).tries(100)
            .test("R-IN-3 generated settings build and validate without errors", s ->
                assertThat(s.matrix().cells()).hasSize(8)),
        Property.forAll(Generators.countries().flatMap(Generators::employees))
            .test("R-IN-2 generated employees never share an endpoint", employees -> {
              for (String country : Generators.COUNTRIES) {
                assertThat(EmployeeDirectory.conflicts(employees,
                    PhoneNormalizer.forCountry(country))).isEmpty();
              }
            }),
        Property.forAll(Generators.settings().flatMap(s -> Gen.elements(s.employees())
                .flatMap(e -> Generators.endpointsOf(e, s.defaultCountry())
                    .map(ep -> new Object[] {s, e, ep}))))
            .test("R-IN-2 every generated endpoint of an employee finds that employee", t -> {
              IntegrationSettings s = (IntegrationSettings) t[0];
              assertThat(s.directory().byEndpoint((String) t[2])).contains(
                  (io.ringostat.amo.core.model.Employee) t[1]);
            }),
        Property.forAll(Generators.countryPhones().flatMap(cp ->
                Generators.allPhoneFormats(cp.phone(), cp.country())
                    .map(raws -> new Object[] {cp, raws})))
            .test("R-PHONE every generated format normalizes to its number", t -> {
              Generators.CountryPhone cp = (Generators.CountryPhone) t[0];
              PhoneNormalizer normalizer = PhoneNormalizer.forCountry(cp.country());
              @SuppressWarnings("unchecked")
              List<String> raws = (List<String>) t[1];
              for (String raw : raws) {
                assertThat(normalizer.normalize(raw).number())
                    .as("normalize('%s') in %s", raw, cp.country()).contains(cp.phone());
              }
            }),
        Property.forAll(Generators.invalidPhones())
            .test("R-PHONE generated invalid phones are invalid in every country", raw -> {
              for (String country : Generators.COUNTRIES) {
                assertThat(PhoneNormalizer.forCountry(country).normalize(raw))
                    .isInstanceOf(PhoneParse.Invalid.class);
              }
            }),
        Property.forAll(Generators.settings().flatMap(Generators::calls))
            .test("R-IN-1 a generated call's events share the call id and come in phase order",
                events -> {
                  assertThat(events).extracting(CallEvent::callId).containsOnly(
                      events.get(0).callId());
                  assertThat(events).extracting(CallEvent::phase).isSorted();
                  assertThat(events.get(events.size() - 1).phase()).isEqualTo(CallPhase.ENDED);
                }),
        Property.forAll(Generators.inputs().validPhones().gen())
            .test("a generated view survives a round trip through FakeCrm", in -> {
              var view = in.view().orElseThrow();
              assertThat(FakeCrm.seededFrom(view).view(view.phone())).isEqualTo(view);
            }));
  }

  @TestFactory
  Stream<DynamicTest> shrinkers() {
    Gen<DecisionInput> existing = Generators.inputs().validPhones()
        .shapes(EnumSet.complementOf(EnumSet.of(ViewShape.NO_CLIENT,
            ViewShape.CLOSED_DEALS_ONLY))).gen();
    return Stream.of(
        Property.forAll(Generators.settings().flatMap(s -> Generators.phoneNumbers(
                s.defaultCountry()).flatMap(p -> Gen.oneOf(ViewShape.values()).flatMap(shape ->
                Generators.crmViews(p, s, EnumSet.of(shape)).map(v -> new Object[] {shape, v})))))
            .test("a generated view has the shape it was generated as", t ->
                assertThat(ViewShape.of((CrmView) t[1])).contains((ViewShape) t[0])),
        Property.forAll(existing).tries(50)
            .test("shrinking a decision input keeps what its generator promised: the call, its"
                + " phase and who answered, a view of an allowed shape for the event's phone",
                in -> {
                  Optional<Employee> answering = in.event().employeeEndpoint()
                      .flatMap(in.settings().directory()::byEndpoint);
                  existing.shrinker().candidates(in).limit(200).forEach(c -> {
                    assertThat(c).isNotEqualTo(in);
                    assertThat(c.event().callId()).isEqualTo(in.event().callId());
                    assertThat(c.event().phase()).isEqualTo(in.event().phase());
                    assertThat(c.event().direction()).isEqualTo(in.event().direction());
                    assertThat(c.event().isAnswered()).isEqualTo(in.event().isAnswered());
                    assertThat(c.phone().number()).isEqualTo(in.phone().number());
                    assertThat(c.view().orElseThrow().phone()).isEqualTo(
                        in.phone().number().orElseThrow());
                    assertThat(ViewShape.of(c.view().orElseThrow()).orElseThrow().existing())
                        .isTrue();
                    if (answering.isPresent()
                        && c.event().employeeEndpoint().equals(in.event().employeeEndpoint())) {
                      assertThat(c.settings().directory().byEndpoint(
                          c.event().employeeEndpoint().orElseThrow())).isEqualTo(answering);
                    }
                    assertThat(c.settings().employees()).isNotEmpty();
                  });
                }),
        Property.forAll(Generators.settings().flatMap(Generators::calls))
            .test("shrinking a call outline keeps one call that ends", events ->
                CallShrink.outlines().events().candidates(events).forEach(c -> {
                  assertThat(c).isNotEmpty().isNotEqualTo(events);
                  assertThat(c).extracting(CallEvent::callId).containsOnly(events.get(0).callId());
                  assertThat(c.get(c.size() - 1).phase()).isEqualTo(CallPhase.ENDED);
                  assertThat(c.get(c.size() - 1).isAnswered())
                      .isEqualTo(events.get(events.size() - 1).isAnswered());
                })));
  }

  @Covers({"R-IN-2"})
  @TestFactory
  Stream<DynamicTest> invalidGenerators() {
    return Stream.of(
        Property.forAll(Generators.countries().flatMap(c -> Generators.conflictingEmployees(c)
                .map(list -> new Object[] {c, list})))
            .test("R-IN-2 conflicting employees are rejected by the directory", t -> {
              @SuppressWarnings("unchecked")
              List<io.ringostat.amo.core.model.Employee> list =
                  (List<io.ringostat.amo.core.model.Employee>) t[1];
              assertThatThrownBy(() -> EmployeeDirectory.of(list,
                  PhoneNormalizer.forCountry((String) t[0])))
                  .isInstanceOf(IllegalArgumentException.class)
                  .hasMessageContaining("belongs to employees");
            }),
        Property.forAll(Generators.invalidSettings()).tries(100)
            .test("R-IN-3 invalid settings are rejected listing every problem by path", inv -> {
              Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                  inv.builder()::build);
              assertThat(thrown).isInstanceOf(InvalidSettingsException.class);
              List<String> paths = ((InvalidSettingsException) thrown).problems().stream()
                  .map(SettingsProblem::path).toList();
              assertThat(paths).containsAll(inv.expectedPaths());
            }),
        Property.forAll(Generators.invalidCallEvents())
            .test("R-IN-1 invalid call events are rejected naming the field", inv ->
                assertThatThrownBy(inv.builder()::build)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(inv.field() + ":")));
  }
}
