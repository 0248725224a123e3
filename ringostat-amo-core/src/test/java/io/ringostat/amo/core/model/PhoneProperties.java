package io.ringostat.amo.core.model;

import static io.ringostat.amo.core.testing.PlanAssert.assertThatPlan;
import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.testing.Covers;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.ringostat.amo.core.matrix.MatrixPresets;
import io.ringostat.amo.core.plan.Effect;
import io.ringostat.amo.core.plan.NoAction;
import io.ringostat.amo.core.plan.Plan;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Phone normalization (R-PHONE) and decisions on numbers that do not normalize. */
class PhoneProperties {
  /** Any string a PBX might send: valid formats, digit soup, separators, junk. */
  private static Gen<String> anyPhoneString() {
    return Gen.oneOfGens(
        Generators.countryPhones().flatMap(cp -> Generators.phoneFormats(cp.phone(), cp.country())),
        Gen.sized(7, 16).flatMap(Gen::digits),
        Gen.sized(7, 16).flatMap(Gen::digits).map(d -> "+" + d),
        Gen.sized(7, 16).flatMap(Gen::digits).map(d -> "00" + d),
        Gen.strings("0123456789 +-().", 0, 24),
        Gen.strings("0123456789abcxyz+@:", 0, 20),
        Generators.invalidPhones());
  }

  private record Normalized(String country, String raw) {}

  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  private static boolean isValid(PhoneNumber p) {
    try {
      return UTIL.isValidNumber(UTIL.parse(p.e164(), null));
    } catch (NumberParseException e) {
      return false;
    }
  }

  /**
   * True for a foreign number whose digits start with the country's trunk prefix (+84... in RU):
   * as bare digits it is a local number, which the normalizer prefers on purpose.
   */
  private static boolean readsAsLocal(PhoneNumber p, String country) {
    String ndd = UTIL.getNddPrefixForRegion(country, true);
    return ndd != null && p.digits().startsWith(ndd)
        && !p.digits().startsWith(String.valueOf(UTIL.getCountryCodeForRegion(country)));
  }

  private static Gen<Normalized> anyInput() {
    return Generators.countries().flatMap(c -> anyPhoneString().map(raw -> new Normalized(c, raw)));
  }

  @Covers({"R-PHONE"})
  @TestFactory
  Stream<DynamicTest> normalization() {
    return Stream.of(
        Property.forAll(Generators.countryPhones().flatMap(cp ->
                Generators.allPhoneFormats(cp.phone(), cp.country()).map(raws -> List.of(cp, raws))))
            .test("R-PHONE equivalent formats of one number normalize equal", t -> {
              Generators.CountryPhone cp = (Generators.CountryPhone) t.get(0);
              PhoneNormalizer n = PhoneNormalizer.forCountry(cp.country());
              @SuppressWarnings("unchecked")
              List<String> raws = (List<String>) t.get(1);
              for (String raw : raws) {
                assertThat(n.normalize(raw).number()).as("'%s' in %s", raw, cp.country())
                    .contains(cp.phone());
              }
            }),
        Property.forAll(anyInput())
            .test("R-PHONE normalization is idempotent: a normalized number normalizes to itself"
                + " in E.164 form, and as bare digits when it is a valid number that does not"
                + " also read as a local trunk-prefixed one", in -> {
              PhoneNormalizer n = PhoneNormalizer.forCountry(in.country());
              n.normalize(in.raw()).number().ifPresent(p -> {
                assertThat(n.normalize(p.e164()).number()).as("normalize('%s')", p.e164())
                    .contains(p);
                if (isValid(p) && !readsAsLocal(p, in.country())) {
                  assertThat(n.normalize(p.digits()).number()).as("normalize('%s')", p.digits())
                      .contains(p);
                }
              });
            }),
        Property.forAll(anyInput())
            .test("R-PHONE any string gives a Valid or Invalid parse, never an exception", in -> {
              PhoneParse parse = PhoneNormalizer.forCountry(in.country()).normalize(in.raw());
              assertThat(parse.raw()).isEqualTo(in.raw());
              if (parse instanceof PhoneParse.Valid v) {
                assertThat(v.phone().digits()).hasSizeBetween(7, 15).containsOnlyDigits();
              }
            }),
        Property.forAll(Generators.countries().flatMap(c -> Generators.invalidPhones()
                .map(raw -> new Normalized(c, raw))))
            .test("R-PHONE anonymous, empty, short and lettered numbers are Invalid with a reason",
                in -> {
                  PhoneParse parse = PhoneNormalizer.forCountry(in.country()).normalize(in.raw());
                  assertThat(parse).isInstanceOf(PhoneParse.Invalid.class);
                  assertThat(((PhoneParse.Invalid) parse).problem()).isNotNull();
                }));
  }

  @Covers({"R-PHONE"})
  @TestFactory
  Stream<DynamicTest> decisionsOnInvalidPhones() {
    Generators.Inputs invalid = Generators.inputs()
        .calls(Generators.calls().clientPhone(Generators.invalidPhones()));
    return Stream.of(
        Property.forAll(invalid.randomProgress(20).gen())
            .test("R-PHONE a call from an unrecognized number never crashes and creates nothing",
                in -> {
                  Plan plan = in.decide();
                  assertThatPlan(plan).createsNothing();
                  assertThat(plan.effects(Effect.RecordCall.class)).isEmpty();
                }),
        Property.forAll(invalid.matrix(MatrixPresets.RECOMMENDED).answered(false)
                .directions(CallDirection.INBOUND).phases(CallPhase.ENDED).gen())
            .test("R-PHONE a missed call from an unrecognized number still gets a senior-manager"
                + " task", in -> {
              Plan plan = in.decide();
              assertThatPlan(plan).hasEffectTypes(Effect.CreateTask.class)
                  .hasTaskFor(in.settings().seniorManagerUserId());
              assertThat(plan.effects(Effect.CreateTask.class).get(0).key().target())
                  .isEqualTo(MatrixPresets.INVALID_PHONE_TASK);
            }),
        Property.forAll(invalid.matrix(MatrixPresets.RECOMMENDED).answered(true)
                .endpoint(Generators.EndpointKind.KNOWN).phases(CallPhase.ENDED).gen())
            .test("R-PHONE an answered call from an unrecognized number: nothing to do, for that"
                + " reason", in ->
                assertThatPlan(in.decide()).hasNoAction(NoAction.INVALID_PHONE)));
  }
}
