package io.ringostat.amo.engine.internal;

import io.ringostat.amo.engine.journal.Journal;
import io.ringostat.amo.core.hours.Schedules;
import io.ringostat.amo.core.model.AccountCatalog;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.PhoneParse;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.FallThroughReason;
import io.ringostat.amo.core.routing.Router;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.RoutingSettings;
import io.ringostat.amo.core.routing.RoutingStrategy;
import io.ringostat.amo.core.routing.RoutingTarget;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.spi.CrmException;
import io.ringostat.amo.core.spi.AmoCrm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * Answers smart routing and caller cards within the time budget whatever the CRM does (R-ROUTE,
 * R-CARD): each lookup runs on the {@code lookups} executor and the caller waits at most the
 * budget (the budget is enforced by the caller's wait, not by the transport); a lookup still
 * running then is cancelled with an interrupt. The executor must hand a new lookup a thread even
 * while earlier ones hang (the engine gives it threads on demand, not a small fixed pool). A
 * size-bounded TTL cache of lookups that the engine's own writes invalidate. Thread-safe.
 */
public final class RoutingService {
  private final IntegrationSettings settings;
  /** R-HOURS: the working hours in the account's zone, as known since activation. */
  private volatile Optional<Schedules> hours;
  private final AmoCrm amo;
  private final Journal journal;
  private final Clock clock;
  private final ExecutorService lookups;
  private final BooleanSupplier active;
  private final BooleanSupplier paused;
  private final Supplier<Optional<AccountCatalog>> catalog;
  private final Duration knownWindow;
  private final Map<String, Cached> cache;

  private record Cached(CrmView view, Instant at) {}

  public RoutingService(IntegrationSettings settings, AmoCrm amo, Journal journal,
      Clock clock, ExecutorService lookups, BooleanSupplier active, BooleanSupplier paused,
      Supplier<Optional<AccountCatalog>> catalog, Duration knownWindow) {
    this.settings = settings;
    this.hours = settings.schedules();
    this.amo = amo;
    this.journal = journal;
    this.clock = clock;
    this.lookups = lookups;
    this.active = active;
    this.paused = paused;
    this.catalog = catalog;
    this.knownWindow = knownWindow;
    int max = Math.max(0, settings.routing().cacheSize());
    this.cache = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cached> eldest) {
        return size() > max;
      }
    };
  }

  /** Uses the settings as completed at activation (the account's time zone, R-HOURS). */
  public void useSettings(IntegrationSettings effective) {
    this.hours = effective.schedules();
  }

  /** Who should take a call from {@code rawPhone}; never throws, never exceeds the budget. */
  public RoutingDecision route(String rawPhone) {
    RoutingSettings r = settings.routing();
    PhoneParse phone = settings.phoneNormalizer().normalize(rawPhone);
    if (phone.number().isEmpty()) {
      return RoutingDecision.fallThrough(FallThroughReason.INVALID_PHONE,
          "the number could not be normalized: " + ((PhoneParse.Invalid) phone).problem());
    }
    if (paused.getAsBoolean()) {
      // R-PAUSE: the operator paused the integration; not even a cached answer routes a call.
      return RoutingDecision.fallThrough(FallThroughReason.INTEGRATION_PAUSED,
          "the integration is paused");
    }
    PhoneNumber number = phone.number().get();
    if (r.strategy() == RoutingStrategy.LAST_TALKED) {
      return lastTalk(number);
    }
    RoutingDecision decision = byResponsible(number);
    if (!decision.routes() && r.strategy() == RoutingStrategy.RESPONSIBLE_THEN_LAST_TALKED) {
      RoutingDecision last = lastTalk(number);
      return last.routes() ? last : decision;
    }
    return decision;
  }

  /** The caller card for {@code rawPhone}; never throws, never exceeds the budget. */
  public CallerCard card(String rawPhone) {
    PhoneParse phone = settings.phoneNormalizer().normalize(rawPhone);
    if (phone.number().isEmpty()) {
      return CallerCard.empty(rawPhone, "the number could not be normalized");
    }
    PhoneNumber number = phone.number().get();
    if (paused.getAsBoolean()) {
      return CallerCard.empty(number.e164(), "the integration is paused");
    }
    if (!active.getAsBoolean()) {
      return CallerCard.empty(number.e164(), "the integration is not active");
    }
    Outcome o = lookupWithinBudget(number, EnumSet.of(AmoCrm.Include.COMPANIES));
    if (o.view().isEmpty()) {
      return CallerCard.empty(number.e164(), o.failure());
    }
    return CardBuilder.build(number, o.view().get(), settings, catalog.get());
  }

  /** Forgets what the cache holds for {@code digits}: the engine wrote to its entities. */
  public void invalidate(String digits) {
    synchronized (cache) {
      cache.remove(digits);
    }
  }

  /**
   * Forgets every cached lookup that holds the entity {@code type} {@code id} (a contact, deal or
   * company whose responsible user or phones changed in amoCRM). Scans the bounded cache; returns
   * how many phones were forgotten.
   */
  public int invalidateEntity(EntityType type, long id) {
    synchronized (cache) {
      int before = cache.size();
      cache.values().removeIf(c -> holds(c.view(), type, id));
      return before - cache.size();
    }
  }

  private static boolean holds(CrmView view, EntityType type, long id) {
    return switch (type) {
      case CONTACT -> view.contacts().stream().anyMatch(c -> c.id() == id);
      case DEAL -> view.deals().stream().anyMatch(d -> d.id() == id);
      case COMPANY -> view.companies().stream().anyMatch(c -> c.id() == id);
    };
  }

  private RoutingDecision byResponsible(PhoneNumber number) {
    Optional<CrmView> cached = cached(number.digits());
    if (cached.isPresent()) {
      return Router.byResponsible(cached.get(), settings.routing().priority(),
          settings.directory(), activeUsers(), hours, clock.instant()).cached();
    }
    if (!active.getAsBoolean()) {
      return RoutingDecision.fallThrough(FallThroughReason.INTEGRATION_BROKEN,
          "the integration is not active");
    }
    Outcome o = lookupWithinBudget(number, includes());
    if (o.view().isEmpty()) {
      return RoutingDecision.fallThrough(o.reason(), o.failure());
    }
    return Router.byResponsible(o.view().get(), settings.routing().priority(),
        settings.directory(), activeUsers(), hours, clock.instant());
  }

  private RoutingDecision lastTalk(PhoneNumber number) {
    return Router.byLastTalk(journal.lastTalk(number.digits()), settings.directory(),
        activeUsers(), hours, clock.instant());
  }

  private record Outcome(Optional<CrmView> view, FallThroughReason reason, String failure) {}

  private Outcome lookupWithinBudget(PhoneNumber number, Set<AmoCrm.Include> include) {
    Duration budget = settings.routing().budget();
    Future<CrmView> f;
    try {
      f = lookups.submit(() -> lookup(number, include));
    } catch (RejectedExecutionException e) {
      return new Outcome(Optional.empty(), FallThroughReason.BUDGET_EXHAUSTED,
          "too many lookups are hanging");
    }
    try {
      return new Outcome(Optional.of(f.get(budget.toMillis(), TimeUnit.MILLISECONDS)), null, "");
    } catch (TimeoutException e) {
      f.cancel(true); // interrupts the hung call; its thread returns to the pool if it listens
      return new Outcome(Optional.empty(), FallThroughReason.CRM_SLOW,
          "amoCRM did not answer within " + budget.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      String what = cause instanceof CrmException ce ? ce.kind() + ": " + ce.getMessage()
          : cause.getClass().getSimpleName();
      return new Outcome(Optional.empty(), FallThroughReason.CRM_DOWN, "amoCRM failed: " + what);
    } catch (InterruptedException e) {
      f.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome(Optional.empty(), FallThroughReason.BUDGET_EXHAUSTED, "interrupted");
    }
  }

  /** One lookup (the requests of one gateway lookup), merged with what the SDK created. */
  private CrmView lookup(PhoneNumber number, Set<AmoCrm.Include> include) {
    CrmView view = ViewMerger.merge(amo.lookup(number, include),
        journal.knownEntities(number.digits(), clock.instant().minus(knownWindow)));
    if (include.equals(includes())) {
      synchronized (cache) {
        cache.put(number.digits(), new Cached(view, clock.instant()));
      }
    }
    return view;
  }

  private Optional<CrmView> cached(String digits) {
    Duration ttl = settings.routing().cacheTtl();
    synchronized (cache) {
      Cached c = cache.get(digits);
      if (c == null) {
        return Optional.empty();
      }
      if (c.at().plus(ttl).isBefore(clock.instant())) {
        cache.remove(digits);
        return Optional.empty();
      }
      return Optional.of(c.view());
    }
  }

  private Set<AmoCrm.Include> includes() {
    Set<AmoCrm.Include> out = EnumSet.noneOf(AmoCrm.Include.class);
    if (settings.routing().priority().contains(RoutingTarget.UNSORTED)) {
      out.add(AmoCrm.Include.UNSORTED);
    }
    if (settings.routing().priority().contains(RoutingTarget.COMPANY)) {
      out.add(AmoCrm.Include.COMPANIES);
    }
    return out;
  }

  private LongPredicate activeUsers() {
    Optional<AccountCatalog> c = catalog.get();
    return user -> c.flatMap(cat -> cat.user(user)).map(AccountCatalog.User::active).orElse(true);
  }

  /** Builds caller cards from a view and the account's names. */
  private static final class CardBuilder {
    static CallerCard build(PhoneNumber phone, CrmView view, IntegrationSettings s,
        Optional<AccountCatalog> catalog) {
      if (view.contacts().isEmpty() && view.openDeals().isEmpty()) {
        return CallerCard.empty(phone.e164(), "amoCRM holds no contact or open deal for this phone");
      }
      Optional<CrmContact> contact = view.primaryContact();
      Optional<Long> responsible = view.primaryOpenDeal().flatMap(CrmDeal::responsibleUserId)
          .or(() -> contact.flatMap(CrmContact::responsibleUserId));
      List<CallerCard.Deal> deals = new ArrayList<>();
      for (CrmDeal d : view.openDeals()) {
        Optional<AccountCatalog.Pipeline> p = catalog.flatMap(c -> c.pipeline(d.pipelineId()));
        String pipeline = p.map(AccountCatalog.Pipeline::name).orElse("pipeline " + d.pipelineId());
        String status = p.flatMap(x -> x.status(d.statusId())).map(AccountCatalog.Status::name)
            .orElse("status " + d.statusId());
        deals.add(new CallerCard.Deal(d.id(), d.name(), pipeline, status,
            s.account().webUrl(EntityType.DEAL, d.id())));
      }
      Optional<CallerCard.Entity> company = contact.flatMap(CrmContact::companyId)
          .flatMap(id -> view.companies().stream().filter(co -> co.id() == id).findFirst())
          .or(() -> view.companies().stream().findFirst())
          .map(co -> new CallerCard.Entity(co.id(), co.name(),
              s.account().webUrl(EntityType.COMPANY, co.id())));
      Optional<CallerCard.Responsible> who = responsible.map(u -> new CallerCard.Responsible(u,
          catalog.flatMap(c -> c.user(u)).map(AccountCatalog.User::name).orElse("user " + u),
          s.directory().byAmoUser(u)));
      return new CallerCard(phone.e164(),
          contact.map(c -> new CallerCard.Entity(c.id(), c.name(),
              s.account().webUrl(EntityType.CONTACT, c.id()))),
          who, deals, company, Optional.empty());
    }
  }
}
