package io.ringostat.amo.core.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.settings.CallCondition.Operator;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** R-PIPE condition groups: operators, all-of semantics, and the regular-expression guard. */
class PipelineGroupsTest {
  private static final CallEvent CALL = CallEvent.builder().callId("c-1").phase(CallPhase.RINGING)
      .direction(CallDirection.INBOUND).clientPhone("+380441234567")
      .trackingPhone("+380 44 111 00 01").startedAt(Instant.parse("2026-12-01T10:00:00Z"))
      .tracking(Tracking.builder().pool("Context ads").utmSource("google")
          .utmCampaign("Spring-2026-brand").putExtra("trunk", "sales-1").build())
      .build();

  private static boolean holds(String parameter, Operator op, String value) {
    return new CallCondition(parameter, op, value).matches(CALL);
  }

  @Test
  @DisplayName("R-PIPE equals, prefix, contains and matches ignore case; a missing parameter never"
      + " matches")
  void operators() {
    assertThat(holds("pool", Operator.EQUALS, " context ADS ")).isTrue();
    assertThat(holds("pool", Operator.EQUALS, "Context")).isFalse();
    assertThat(holds("utm_campaign", Operator.PREFIX, "spring-")).isTrue();
    assertThat(holds("utm_campaign", Operator.PREFIX, "2026")).isFalse();
    assertThat(holds("utm_campaign", Operator.CONTAINS, "2026")).isTrue();
    assertThat(holds("utm_campaign", Operator.MATCHES, "^spring-\\d{4}-(brand|promo)$")).isTrue();
    assertThat(holds("utm_campaign", Operator.MATCHES, "^\\d")).isFalse();
    assertThat(holds("tracking_phone", Operator.PREFIX, "+380 44")).isTrue();
    assertThat(holds("trunk", Operator.EQUALS, "SALES-1")).isTrue();
    assertThat(holds("utm_medium", Operator.CONTAINS, "c")).isFalse();
  }

  @Test
  @DisplayName("R-PIPE a rule needs all its conditions; the first matching rule wins")
  void allOf() {
    PipelineRule both = new PipelineRule(PipelineTarget.of(1), List.of(
        new CallCondition("pool", Operator.EQUALS, "Context ads"),
        new CallCondition("utm_source", Operator.PREFIX, "goo")));
    PipelineRule oneFails = new PipelineRule(PipelineTarget.of(2), List.of(
        new CallCondition("pool", Operator.EQUALS, "Context ads"),
        new CallCondition("utm_source", Operator.EQUALS, "facebook")));
    assertThat(both.matches(CALL)).isTrue();
    assertThat(oneFails.matches(CALL)).isFalse();
    assertThat(new PipelineRule(PipelineTarget.of(3), "pool", "context ads").conditions())
        .containsExactly(CallCondition.equalTo("pool", "context ads"));
    assertThatThrownBy(() -> new PipelineRule(PipelineTarget.of(1), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+$", "(a|aa)*b", "(x*y?)*", "(\\d+)*", "([a-z]+)+",
      "(a)\\1", "(?=a)a", "(?<!b)a", "a*b*c*d*", "((ab)*)+", ""})
  @DisplayName("R-PIPE catastrophic or unbounded patterns are refused with a reason")
  void refusesDangerousRegex(String regex) {
    assertThat(CallCondition.regexProblem(regex)).isPresent();
    assertThatThrownBy(() -> new CallCondition("utm_campaign", Operator.MATCHES, regex))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"^spring-\\d{4}$", "brand|promo", "^(?:spring|autumn)-\\d+",
      "[a-z]+-\\d+-[a-z]+", "(?i)^google$", "\\p{L}+", "a{2,5}", "^.*promo.*$", "(ab){3}"})
  @DisplayName("R-PIPE ordinary patterns are accepted")
  void acceptsOrdinaryRegex(String regex) {
    assertThat(CallCondition.regexProblem(regex)).isEmpty();
  }

  @Test
  @DisplayName("R-PIPE a value longer than the bound never matches a regular expression")
  void longValues() {
    CallEvent call = CallEvent.builder().from(CALL).tracking(Tracking.builder()
        .utmCampaign("x".repeat(CallCondition.MAX_REGEX_INPUT + 1)).build()).build();
    assertThat(new CallCondition("utm_campaign", Operator.MATCHES, "x").matches(call)).isFalse();
    assertThat(new CallCondition("utm_campaign", Operator.CONTAINS, "x").matches(call)).isTrue();
    assertThat(Optional.of(call)).isPresent();
  }
}
