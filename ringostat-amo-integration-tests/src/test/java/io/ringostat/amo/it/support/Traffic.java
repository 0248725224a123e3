package io.ringostat.amo.it.support;

import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallLeg;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.TaskTemplate;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.testkit.AmoEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Seeded call traffic for the crash and soak tests: new and existing clients (UA numbers from the
 * core's generators, in the formats a PBX reports), inbound and outbound, answered and missed,
 * hosts that report every phase and hosts that report only ENDED; transferred calls (legs) and
 * recordings published after the hangup (UPDATED, R-LIFE). Events of one phone are in
 * call order; phones are interleaved at random.
 */
public final class Traffic {
  public static final List<String> ENDPOINTS = List.of("olena", "andriy", "maksym", "olena_mobile");
  public static final List<Long> MANAGERS = List.of(Fixtures.OLENA, Fixtures.ANDRIY,
      Fixtures.MAKSYM);

  /** A client phone: its digits and whether the CRM knows it before the test. */
  public record Phone(PhoneNumber number, boolean existing, long responsible) {
    public String digits() {
      return number.digits();
    }
  }

  /** One call: the phone, and its events in order. */
  public record Call(Phone phone, String callId, boolean inbound, boolean answered,
      List<CallEvent> events) {}

  private final List<Phone> phones;
  private final List<Call> calls;
  private final List<CallEvent> events;

  private Traffic(List<Phone> phones, List<Call> calls, List<CallEvent> events) {
    this.phones = phones;
    this.calls = calls;
    this.events = events;
  }

  /**
   * Settings for traffic tests: the demo settings, with the call id in task texts and in contact
   * and deal names, so that every task, contact and deal can be traced to the call that made it.
   */
  public static IntegrationSettings settings() {
    return Fixtures.demoBuilder()
        .updateOnlyRetryDelay(java.util.Optional.empty())
        .contactNameTemplate("{client_phone} ({call_id})")
        .dealNameTemplate("{direction} call {call_id}")
        .putAllTaskTemplates(Map.of(
            "missed-call", new TaskTemplate(
                "Missed call {call_id} from {client_phone}: call the client back",
                Duration.ofMinutes(30), TaskTemplate.CALL),
            "unknown-endpoint", new TaskTemplate(
                "Call {call_id} from {client_phone} answered on unknown endpoint {endpoint}",
                Duration.ofHours(24), TaskTemplate.CALL)))
        .build();
  }

  /**
   * {@code callCount} calls over {@code newPhones + existingPhones} phones, starting at
   * {@code start}, 20 seconds apart.
   */
  public static Traffic generate(long seed, int newPhones, int existingPhones, int callCount,
      Instant start) {
    SplittableRandom random = new SplittableRandom(seed);
    Gen<PhoneNumber> numbers = Generators.phoneNumbers("UA");
    List<Phone> phones = new ArrayList<>();
    Set<String> lastTens = new HashSet<>();
    while (phones.size() < newPhones + existingPhones) {
      PhoneNumber p = numbers.generate(random, 10);
      if (!p.digits().startsWith("380") || !lastTens.add(p.lastTen())) {
        continue;
      }
      boolean existing = phones.size() >= newPhones;
      phones.add(new Phone(p, existing, MANAGERS.get(random.nextInt(MANAGERS.size()))));
    }
    Map<Phone, List<List<CallEvent>>> perPhone = new LinkedHashMap<>();
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < callCount; i++) {
      // Every phone gets a call before any gets a second one, then at random.
      Phone phone = i < phones.size() ? phones.get(i) : phones.get(random.nextInt(phones.size()));
      Call call = call(random, phone, String.format("call-%05d", i),
          start.plusSeconds(20L * i));
      calls.add(call);
      perPhone.computeIfAbsent(phone, k -> new ArrayList<>()).add(call.events());
    }
    // Interleave phones at random, keeping each phone's events in call order.
    List<List<CallEvent>> queues = new ArrayList<>();
    perPhone.values().forEach(l -> queues.add(new ArrayList<>(l.stream().flatMap(List::stream)
        .toList())));
    List<CallEvent> events = new ArrayList<>();
    while (!queues.isEmpty()) {
      int q = random.nextInt(queues.size());
      events.add(queues.get(q).remove(0));
      if (queues.get(q).isEmpty()) {
        queues.remove(q);
      }
    }
    return new Traffic(List.copyOf(phones), List.copyOf(calls), List.copyOf(events));
  }

  private static Call call(SplittableRandom random, Phone phone, String callId, Instant at) {
    String format = Generators.phoneFormats(phone.number(), "UA").generate(random, 10);
    int kind = random.nextInt(100);
    boolean inbound = kind < 80;
    boolean answered = inbound ? kind < 55 : kind < 92;
    String endpoint = random.nextInt(40) == 0 ? "reception2"
        : ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
    Calls c = inbound ? Calls.inbound(callId, format, at)
        : Calls.outbound(callId, format, at).dialledFrom(endpoint);
    if (random.nextInt(3) == 0) {
      c = c.tracking(Tracking.builder().pool(random.nextBoolean() ? "Context ads" : "SEO")
          .utmSource(random.nextBoolean() ? "google" : "facebook").build());
    }
    c = answered ? c.by(endpoint)
        : c.missed(random.nextBoolean() ? Disposition.NO_ANSWER : Disposition.BUSY);
    List<CallEvent> events;
    if (!answered || random.nextInt(3) == 0) {
      events = List.of(c.ended()); // an ENDED-only host
    } else {
      events = c.allPhases(inbound && random.nextInt(4) == 0);
    }
    if (answered && random.nextInt(3) == 0) {
      events = transferred(random, c, events);
    }
    if (answered && random.nextInt(3) == 0) {
      events = withLateRecording(events);
    }
    return new Call(phone, callId, inbound, answered, events);
  }

  /** R-LIFE: the ENDED event says the call was transferred to another endpoint. */
  private static List<CallEvent> transferred(SplittableRandom random, Calls c,
      List<CallEvent> events) {
    String to = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
    List<CallEvent> out = new ArrayList<>(events);
    CallEvent ended = out.remove(out.size() - 1);
    out.add(CallEvent.builder().from(ended)
        .addLegs(new CallLeg(c.endpoint().orElseThrow(), c.answeredAt(), Duration.ofSeconds(40)))
        .addLegs(new CallLeg(to, c.answeredAt().plusSeconds(40), Duration.ofSeconds(55)))
        .build());
    return List.copyOf(out);
  }

  /** R-LIFE: the recording is published after the hangup, as an UPDATED event. */
  private static List<CallEvent> withLateRecording(List<CallEvent> events) {
    CallEvent ended = events.get(events.size() - 1);
    List<CallEvent> out = new ArrayList<>(events);
    out.add(CallEvent.builder().callId(ended.callId()).phase(CallPhase.UPDATED)
        .direction(ended.direction()).disposition(ended.disposition())
        .clientPhone(ended.clientPhone()).startedAt(ended.startedAt())
        .recordingUrl("https://records.example.com/final/" + ended.callId() + ".mp3").build());
    return List.copyOf(out);
  }

  /** Seeds the existing clients: a contact and an open deal each. */
  public void seed(AmoEmulator.Builder amo) {
    for (Phone p : phones) {
      if (p.existing()) {
        amo.existingContact("Client " + p.number().lastTen(), p.number().e164(), p.responsible())
            .existingDeal(p.number().e164(), Fixtures.SALES, Fixtures.SALES_NEW, p.responsible());
      }
    }
  }

  public List<Phone> phones() {
    return phones;
  }

  public List<Call> calls() {
    return calls;
  }

  /** Every event, phones interleaved, each phone's in order. */
  public List<CallEvent> events() {
    return events;
  }
}
