package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.PhoneNormalizer;
import io.ringostat.amo.core.model.Tracking;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Simplifies the events of one call (a call outline, as {@link Generators.CallSpec#events} gives
 * it): fewer events (the final one alone first), then the same simplification applied to every
 * event so that they still describe one call: no legs, no recording, no tracking data, no
 * tracking phone, no employee endpoint, the client phone in E.164, a plain "no answer", the call
 * starting at {@link Generators#BASE_TIME}, answered at once, talking for a minute (or whole
 * minutes). Direction, answered or missed, the call id and the phases kept stay as they are.
 *
 * <p>Build one with {@link #outlines()} and narrow it to what a property's generator promises.
 */
public final class CallShrink {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final Set<CallPhase> droppable;
  private final boolean keepEndpoint;
  private final Optional<PhoneNormalizer> normalizer;

  private CallShrink(Set<CallPhase> droppable, boolean keepEndpoint,
      Optional<PhoneNormalizer> normalizer) {
    this.droppable = droppable;
    this.keepEndpoint = keepEndpoint;
    this.normalizer = normalizer;
  }

  /** Drops RINGING and ANSWERED events and every optional part. */
  public static CallShrink outlines() {
    return new CallShrink(EnumSet.of(CallPhase.RINGING, CallPhase.ANSWERED), false,
        Optional.empty());
  }

  /** This shrinker dropping only events of {@code phases} (none: the events stay). */
  public CallShrink dropping(Set<CallPhase> phases) {
    return new CallShrink(phases.isEmpty() ? EnumSet.noneOf(CallPhase.class)
        : EnumSet.copyOf(phases), keepEndpoint, normalizer);
  }

  /** This shrinker keeping the employee endpoint (a property about who answered needs it). */
  public CallShrink keepingEndpoint() {
    return new CallShrink(droppable, true, normalizer);
  }

  /** This shrinker also writing a valid client phone in E.164, as {@code n} normalizes it. */
  public CallShrink normalizingPhones(PhoneNormalizer n) {
    return new CallShrink(droppable, keepEndpoint, Optional.of(n));
  }

  /** The shrinker of a call's events. */
  public Shrink<List<CallEvent>> events() {
    Shrink<List<CallEvent>> fewer = this::fewerEvents;
    return fewer.or(this::simpler);
  }

  /** The shrinker of a single event (its phase stays). */
  public Shrink<CallEvent> event() {
    return e -> simpler(List.of(e)).map(l -> l.get(0));
  }

  private Stream<List<CallEvent>> fewerEvents(List<CallEvent> events) {
    if (events.size() <= 1) {
      return Stream.empty();
    }
    CallEvent last = events.get(events.size() - 1);
    List<CallEvent> earlier = events.subList(0, events.size() - 1);
    Stream<List<CallEvent>> finalOnly = earlier.stream().allMatch(e -> droppable.contains(e.phase()))
        ? Stream.of(List.of(last)) : Stream.empty();
    Stream<List<CallEvent>> oneLess = earlier.stream().filter(e -> droppable.contains(e.phase()))
        .map(dropped -> events.stream().filter(e -> e != dropped).toList());
    return Stream.concat(finalOnly, oneLess);
  }

  private Stream<List<CallEvent>> simpler(List<CallEvent> events) {
    List<UnaryOperator<CallEvent>> steps = List.of(
        e -> CallEvent.builder().from(e).legs(List.of()).build(),
        e -> CallEvent.builder().from(e).recordingUrl(Optional.empty()).build(),
        e -> CallEvent.builder().from(e).tracking(Tracking.EMPTY).build(),
        e -> CallEvent.builder().from(e).trackingPhone(Optional.empty()).build(),
        e -> keepEndpoint ? e : CallEvent.builder().from(e).employeeEndpoint(Optional.empty())
            .build(),
        this::e164,
        CallShrink::noAnswer);
    Stream<Optional<List<CallEvent>>> each = steps.stream()
        .map(step -> Shrink.attempt(() -> events.stream().map(step).toList()));
    Stream<Optional<List<CallEvent>>> times = Stream.of(
        Shrink.attempt(() -> startAtBase(events)),
        Shrink.attempt(() -> answeredAtOnce(events)),
        Shrink.attempt(() -> talk(events, MINUTE)),
        Shrink.attempt(() -> talk(events, wholeMinutes(events))));
    return Stream.concat(each, times).flatMap(Optional::stream)
        .filter(l -> !l.equals(events)).distinct();
  }

  private CallEvent e164(CallEvent e) {
    return normalizer.flatMap(n -> n.normalize(e.clientPhone()).number())
        .map(p -> CallEvent.builder().from(e).clientPhone(p.e164()).build()).orElse(e);
  }

  private static CallEvent noAnswer(CallEvent e) {
    return e.disposition().filter(d -> d != Disposition.ANSWERED && d != Disposition.NO_ANSWER)
        .map(d -> CallEvent.builder().from(e).disposition(Disposition.NO_ANSWER).build())
        .orElse(e);
  }

  /** Every instant moved by the same amount, so that the call starts at the base time. */
  private static List<CallEvent> startAtBase(List<CallEvent> events) {
    Duration by = Duration.between(events.get(0).startedAt(), Generators.BASE_TIME);
    return events.stream().map(e -> shift(e, by, by, by)).toList();
  }

  /** No wait before the answer (or before a missed call ends). */
  private static List<CallEvent> answeredAtOnce(List<CallEvent> events) {
    Duration wait = events.get(events.size() - 1).waitTime();
    return events.stream().map(e -> shift(e, Duration.ZERO, wait.negated(), wait.negated()))
        .toList();
  }

  /** An answered call that talks for {@code talk} (a missed call stays as it is). */
  private static List<CallEvent> talk(List<CallEvent> events, Duration talk) {
    CallEvent last = events.get(events.size() - 1);
    if (last.answeredAt().isEmpty() || last.endedAt().isEmpty() || talk.isZero()) {
      return events;
    }
    Duration by = talk.minus(Duration.between(last.answeredAt().get(), last.endedAt().get()));
    return events.stream().map(e -> shift(e, Duration.ZERO, Duration.ZERO, by)).toList();
  }

  private static Duration wholeMinutes(List<CallEvent> events) {
    CallEvent last = events.get(events.size() - 1);
    return MINUTE.multipliedBy(last.talkTime().toMinutes());
  }

  private static CallEvent shift(CallEvent e, Duration start, Duration answer, Duration end) {
    return CallEvent.builder().from(e).startedAt(e.startedAt().plus(start))
        .answeredAt(e.answeredAt().map(t -> t.plus(answer)))
        .endedAt(e.endedAt().map(t -> t.plus(end)))
        .legs(e.legs().stream().map(l -> new CallLeg(l.endpoint(), l.startedAt().plus(answer),
            l.duration())).toList())
        .build();
  }
}
