package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.testing.Generators.ViewShape;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Simplifies what the CRM holds for a phone ({@link Generators#crmViews}): nothing at all, then
 * fewer contacts (each with its deals), fewer deals, fewer unsorted requests, no companies or open
 * tasks, then plainer entities: no contacts beside the deals, no update times, closed deals
 * open, every deal in the main pipeline's first stage. Only views of the allowed {@link ViewShape}s are offered, so a property
 * over existing clients is never shown a new one.
 */
public final class ViewShrink {
  private ViewShrink() {}

  /** Views of any shape. */
  public static Shrink<CrmView> views() {
    return views(EnumSet.allOf(ViewShape.class));
  }

  /** Views of one of {@code shapes}. */
  public static Shrink<CrmView> views(Set<ViewShape> shapes) {
    Set<ViewShape> allowed = EnumSet.copyOf(shapes);
    Shrink<CrmView> all = ViewShrink::fewerEntities;
    return all.or(Shrink.steps(ViewShrink::dealsWithoutContacts,
            ViewShrink::withoutUpdateTimes, ViewShrink::closedDealsOpen, ViewShrink::mainPipeline))
        .filter(v -> ViewShape.of(v).map(allowed::contains).orElse(false));
  }

  private static Stream<CrmView> fewerEntities(CrmView v) {
    Stream<CrmView> empty = v.equals(CrmView.empty(v.phone())) ? Stream.empty()
        : Stream.of(CrmView.empty(v.phone()));
    Stream<CrmView> contacts = Shrink.list(Shrink.<CrmContact>none())
        .candidates(v.contacts()).map(kept -> withContacts(v, kept));
    Stream<CrmView> deals = Shrink.list(Shrink.<CrmDeal>none())
        .candidates(v.deals()).map(kept -> withDeals(v, kept));
    Stream<CrmView> unsorted = Shrink.list(Shrink.<CrmUnsorted>none())
        .candidates(v.unsorted()).map(kept -> new CrmView(v.phone(), v.contacts(), v.deals(),
            v.companies(), kept, v.openCallbackTasks()));
    Stream<CrmView> extras = v.companies().isEmpty() && v.openCallbackTasks().isEmpty()
        ? Stream.empty()
        : Stream.of(new CrmView(v.phone(), v.contacts(), v.deals(), List.of(), v.unsorted()));
    return Stream.of(empty, contacts, deals, unsorted, extras).flatMap(s -> s);
  }

  /** {@code v} with only the contacts {@code kept}, and only the deals of those (or of none). */
  private static CrmView withContacts(CrmView v, List<CrmContact> kept) {
    List<Long> ids = kept.stream().map(CrmContact::id).toList();
    List<CrmDeal> deals = v.deals().stream()
        .filter(d -> d.contactId().map(ids::contains).orElse(true)).toList();
    return new CrmView(v.phone(), kept, deals, v.companies(), v.unsorted(),
        v.openCallbackTasks());
  }

  /** {@code v} with only the deals {@code kept}; contacts no longer list the others. */
  private static CrmView withDeals(CrmView v, List<CrmDeal> kept) {
    List<Long> ids = kept.stream().map(CrmDeal::id).toList();
    List<CrmContact> contacts = v.contacts().stream().map(c -> new CrmContact(c.id(), c.name(),
        c.responsibleUserId(), c.dealIds().stream().filter(ids::contains).toList(), c.companyId(),
        c.updatedAt())).toList();
    return new CrmView(v.phone(), contacts, kept, v.companies(), v.unsorted(),
        v.openCallbackTasks());
  }

  /** No contacts, their deals kept (found by phone without a contact). */
  private static CrmView dealsWithoutContacts(CrmView v) {
    return v.contacts().isEmpty() ? v : new CrmView(v.phone(), List.of(),
        v.deals().stream().map(d -> new CrmDeal(d.id(), d.name(), d.pipelineId(), d.statusId(),
            d.responsibleUserId(), Optional.empty(), d.updatedAt())).toList(),
        v.companies(), v.unsorted(), v.openCallbackTasks());
  }

  private static CrmView withoutUpdateTimes(CrmView v) {
    return new CrmView(v.phone(),
        v.contacts().stream().map(c -> new CrmContact(c.id(), c.name(), c.responsibleUserId(),
            c.dealIds(), c.companyId(), Optional.empty())).toList(),
        v.deals().stream().map(d -> new CrmDeal(d.id(), d.name(), d.pipelineId(), d.statusId(),
            d.responsibleUserId(), d.contactId(), Optional.empty())).toList(),
        v.companies(), v.unsorted(), v.openCallbackTasks());
  }

  private static CrmView closedDealsOpen(CrmView v) {
    return withDealsMapped(v, d -> d.isOpen() ? d : new CrmDeal(d.id(), d.name(), d.pipelineId(),
        firstStage(d.pipelineId()), d.responsibleUserId(), d.contactId(), d.updatedAt()));
  }

  /** Every deal in the first pipeline of {@link Generators#pipelines}, open ones at stage 1. */
  private static CrmView mainPipeline(CrmView v) {
    return withDealsMapped(v, d -> new CrmDeal(d.id(), d.name(), FakeCrm.MAIN_PIPELINE,
        d.isOpen() ? firstStage(FakeCrm.MAIN_PIPELINE) : d.statusId(), d.responsibleUserId(),
        d.contactId(), d.updatedAt()));
  }

  /** The first open status {@link Generators#pipelines} gives a pipeline. */
  private static long firstStage(long pipelineId) {
    return pipelineId * 10 + 1;
  }

  private static CrmView withDealsMapped(CrmView v,
      UnaryOperator<CrmDeal> f) {
    return new CrmView(v.phone(), v.contacts(), v.deals().stream().map(f).toList(),
        v.companies(), v.unsorted(), v.openCallbackTasks());
  }

  /** Every responsible user in {@code view}: the employees a shrunk example must keep. */
  public static Set<Long> owners(CrmView view) {
    Set<Long> users = new HashSet<>();
    view.contacts().forEach(c -> c.responsibleUserId().ifPresent(users::add));
    view.deals().forEach(d -> d.responsibleUserId().ifPresent(users::add));
    view.unsorted().forEach(u -> u.responsibleUserId().ifPresent(users::add));
    return users;
  }
}
