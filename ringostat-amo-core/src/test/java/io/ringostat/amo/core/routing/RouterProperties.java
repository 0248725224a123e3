package io.ringostat.amo.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CrmCompany;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.testing.Gen;
import io.ringostat.amo.core.testing.Generators;
import io.ringostat.amo.core.testing.Property;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** The pure priority rule of smart routing (R-ROUTE) over generated views, priorities, users. */
class RouterProperties {
  record Input(IntegrationSettings settings, CrmView view, List<RoutingTarget> priority,
      Set<Long> deactivated) {}

  private static final PhoneNumber PHONE = new PhoneNumber("380441234567");

  static Gen<Input> inputs() {
    return Generators.settings().flatMap(s -> Generators.crmViews(PHONE, s).flatMap(v ->
        priorities().flatMap(p -> deactivated(s).map(d -> new Input(s, withExtras(v, s), p, d)))));
  }

  /** Adds companies and a pending request, responsible for by any known user, to some views. */
  private static CrmView withExtras(CrmView v, IntegrationSettings s) {
    long user = s.employees().isEmpty() ? s.seniorManagerUserId()
        : s.employees().get((int) (v.contacts().size() % s.employees().size())).amoUserId();
    return new CrmView(v.phone(), v.contacts(), v.deals(),
        v.contacts().isEmpty() ? List.of() : List.of(new CrmCompany(7001, "Acme", Optional.of(user))),
        v.deals().size() % 2 == 0 ? List.of() : List.of(new CrmUnsorted("u-1", Optional.empty(),
            Optional.of(9001L), Optional.of(9002L), Optional.of(user), Optional.empty())));
  }

  static Gen<List<RoutingTarget>> priorities() {
    return (random, size) -> {
      List<RoutingTarget> all = new ArrayList<>(List.of(RoutingTarget.values()));
      java.util.Collections.shuffle(all, new java.util.Random(random.nextLong()));
      return List.copyOf(all.subList(0, 1 + random.nextInt(all.size())));
    };
  }

  static Gen<Set<Long>> deactivated(IntegrationSettings s) {
    return (random, size) -> {
      Set<Long> out = new HashSet<>();
      for (Employee e : s.employees()) {
        if (random.nextInt(4) == 0) {
          out.add(e.amoUserId());
        }
      }
      return out;
    };
  }

  static RoutingDecision route(Input in) {
    return Router.byResponsible(in.view(), in.priority(), in.settings().directory(),
        u -> !in.deactivated().contains(u));
  }

  /** Responsible users of the entities of {@code kind} that may route (closed deals never). */
  static List<Optional<Long>> responsibles(CrmView v, RoutingTarget kind) {
    return switch (kind) {
      case CONTACT -> v.contacts().stream().map(CrmContact::responsibleUserId).toList();
      case DEAL -> v.deals().stream().filter(CrmDeal::isOpen).map(CrmDeal::responsibleUserId)
          .toList();
      case UNSORTED -> v.unsorted().stream().map(CrmUnsorted::responsibleUserId).toList();
      case COMPANY -> v.companies().stream().map(CrmCompany::responsibleUserId).toList();
    };
  }

  static boolean routable(Input in, Optional<Long> user) {
    return user.isPresent() && in.settings().directory().byAmoUser(user.get()).isPresent()
        && !in.deactivated().contains(user.get());
  }

  static boolean anyRoutable(Input in, RoutingTarget kind) {
    return responsibles(in.view(), kind).stream().anyMatch(u -> routable(in, u));
  }

  @TestFactory
  Stream<DynamicTest> properties() {
    return Stream.of(
        Property.forAll(inputs()).test("R-ROUTE: the first kind in priority order with an active"
            + " mapped responsible wins", in -> {
          RoutingDecision d = route(in);
          if (d.routes()) {
            RoutingTarget kind = d.entityKind().orElseThrow();
            for (RoutingTarget earlier : in.priority().subList(0, in.priority().indexOf(kind))) {
              assertThat(anyRoutable(in, earlier)).as("%s before %s", earlier, kind).isFalse();
            }
            assertThat(anyRoutable(in, kind)).isTrue();
          } else {
            for (RoutingTarget k : in.priority()) {
              assertThat(anyRoutable(in, k)).as("%s was routable", k).isFalse();
            }
          }
        }),
        Property.forAll(inputs()).test("R-ROUTE: closed deals never route", in -> {
          RoutingDecision d = route(in);
          if (d.entityKind().equals(Optional.of(RoutingTarget.DEAL))) {
            long id = d.entityId().orElseThrow();
            assertThat(in.view().deals()).filteredOn(x -> x.id() == id).singleElement()
                .matches(CrmDeal::isOpen);
          }
        }),
        Property.forAll(inputs()).test("R-ROUTE: an unmapped or deactivated responsible never"
            + " routes; the destinations are the employee's", in -> {
          RoutingDecision d = route(in);
          d.employee().ifPresent(e -> {
            assertThat(in.deactivated()).doesNotContain(e.amoUserId());
            assertThat(in.settings().directory().byAmoUser(e.amoUserId())).contains(e);
            assertThat(d.destinations()).containsAll(e.sipLogins());
          });
        }),
        Property.forAll(inputs()).test("R-ROUTE: nothing of the searched kinds is NOT_FOUND,"
            + " otherwise RESPONSIBLE_UNKNOWN", in -> {
          RoutingDecision d = route(in);
          boolean found = in.priority().stream()
              .anyMatch(k -> !responsibles(in.view(), k).isEmpty());
          if (!d.routes()) {
            assertThat(d.fallThrough()).contains(found ? FallThroughReason.RESPONSIBLE_UNKNOWN
                : FallThroughReason.NOT_FOUND);
          }
        }),
        Property.forAll(inputs()).test("R-ROUTE: routing is deterministic",
            in -> assertThat(route(in)).isEqualTo(route(in))));
  }
}
