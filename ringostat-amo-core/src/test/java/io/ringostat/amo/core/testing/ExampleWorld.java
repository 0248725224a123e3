package io.ringostat.amo.core.testing;

import io.ringostat.amo.core.matrix.DecisionMatrix;
import io.ringostat.amo.core.model.CallDirection;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.model.CallParameters;
import io.ringostat.amo.core.model.CallPhase;
import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmUnsorted;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.Disposition;
import io.ringostat.amo.core.model.Employee;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.model.Tracking;
import io.ringostat.amo.core.plan.EntityType;
import io.ringostat.amo.core.settings.AmoAccount;
import io.ringostat.amo.core.settings.FieldMapping;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.core.settings.PipelineRule;
import io.ringostat.amo.core.settings.PipelineTarget;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A small, fixed world for example tests: three employees (Olena, the senior manager; Anna;
 * Bohdan), a Kyiv client calling from {@code +380 44 123-45-67} after a "Context ads" click, and
 * settings with a pipeline rule, field mappings and a tag. Every instant is fixed.
 */
public final class ExampleWorld {
  public static final long OLENA = 5000;
  public static final long ANNA = 5001;
  public static final long BOHDAN = 5002;

  /** Pipeline of calls from the "Context ads" pool, and its first stage. */
  public static final long ADS_PIPELINE = 3_383_152;
  public static final long ADS_FIRST_STAGE = 33_831_521;
  /** The default pipeline and its first stage. */
  public static final long SALES_PIPELINE = 3_383_100;
  public static final long SALES_FIRST_STAGE = 33_831_001;

  /** The client's number as the PBX reports it, and normalized. */
  public static final String CLIENT_RAW = "+380 44 123-45-67";
  public static final PhoneNumber CLIENT = new PhoneNumber("380441234567");

  /** Ids of what the CRM holds for an existing client. */
  public static final long CONTACT_ID = 10_001;
  public static final long OPEN_DEAL_ID = 20_001;
  public static final long CLOSED_DEAL_ID = 20_002;

  public static final Instant STARTED = Instant.parse("2024-05-06T09:00:00Z");
  public static final Instant ANSWERED = STARTED.plusSeconds(15);
  public static final Instant ENDED = ANSWERED.plusSeconds(180);
  public static final Instant MISSED_ENDED = STARTED.plusSeconds(40);

  public static final Employee OLENA_BONDAR = Employee.builder().code("100").name("Olena Bondar")
      .email("olena@example.com").addSipLogin("olena").extension("100").amoUserId(OLENA).build();
  public static final Employee ANNA_KOVALENKO = Employee.builder().code("101")
      .name("Anna Kovalenko").email("anna@example.com").addSipLogin("anna")
      .addSipLogin("anna-mobile@other-pbx.example").extension("101").addPhone("+380 67 111 22 33")
      .amoUserId(ANNA).build();
  public static final Employee BOHDAN_SHEVCHENKO = Employee.builder().code("102")
      .name("Bohdan Shevchenko").addSipLogin("bohdan").extension("102").amoUserId(BOHDAN).build();

  public static final Tracking ADS_CLICK = Tracking.builder().pool("Context ads")
      .utmSource("google").utmMedium("cpc").utmCampaign("spring")
      .putExtra("roistat_visit_id", "12345").build();

  private ExampleWorld() {}

  /** The example settings with {@code matrix}. */
  public static IntegrationSettings settings(DecisionMatrix matrix) {
    return builder(matrix).build();
  }

  /** The example settings' builder, to change something before building. */
  public static IntegrationSettings.Builder builder(DecisionMatrix matrix) {
    return IntegrationSettings.builder()
        .account(AmoAccount.builder().subdomain("acme").build())
        .addEmployees(OLENA_BONDAR, ANNA_KOVALENKO, BOHDAN_SHEVCHENKO)
        .seniorManagerUserId(OLENA)
        .matrix(matrix)
        .defaultPipeline(PipelineTarget.of(SALES_PIPELINE, SALES_FIRST_STAGE))
        .addPipelineRule(new PipelineRule(PipelineTarget.of(ADS_PIPELINE, ADS_FIRST_STAGE),
            CallParameters.POOL, "Context ads"))
        .addFieldMapping(FieldMapping.dealField(CallParameters.UTM_SOURCE, "UTM_SOURCE"))
        .addFieldMapping(FieldMapping.dealField(CallParameters.UTM_CAMPAIGN, "UTM_CAMPAIGN"))
        .addFieldMapping(new FieldMapping("roistat_visit_id", EntityType.DEAL,
            Optional.of(771_001L), Optional.empty(), false))
        .addFieldMapping(FieldMapping.dealTag(CallParameters.POOL))
        .addFieldMapping(new FieldMapping(CallParameters.UTM_SOURCE, EntityType.CONTACT,
            Optional.of(771_100L), Optional.empty(), false))
        .addTag("ringostat");
  }

  // --- the CRM ------------------------------------------------------------------------------

  /** An existing client: contact #10001 (Anna responsible) with open deal #20001 (Anna's). */
  public static CrmView existingClient() {
    return existingClient(ANNA);
  }

  /** An existing client whose contact and open deal belong to {@code responsible}. */
  public static CrmView existingClient(long responsible) {
    return new CrmView(CLIENT,
        List.of(new CrmContact(CONTACT_ID, "Yuri", Optional.of(responsible),
            List.of(OPEN_DEAL_ID), Optional.empty(), Optional.empty())),
        List.of(CrmDeal.of(OPEN_DEAL_ID, SALES_PIPELINE, SALES_FIRST_STAGE, responsible,
            CONTACT_ID)),
        List.of(), List.of());
  }

  /** A client with a contact (Anna's) whose only deal was lost. */
  public static CrmView clientWithClosedDealsOnly() {
    return new CrmView(CLIENT,
        List.of(new CrmContact(CONTACT_ID, "Yuri", Optional.of(ANNA), List.of(CLOSED_DEAL_ID),
            Optional.empty(), Optional.empty())),
        List.of(CrmDeal.of(CLOSED_DEAL_ID, SALES_PIPELINE, CrmDeal.LOST, ANNA, CONTACT_ID)),
        List.of(), List.of());
  }

  /** A client whose first call is still a pending unsorted request (lead #40001, contact #30001). */
  public static CrmView pendingUnsorted() {
    return new CrmView(CLIENT, List.of(), List.of(), List.of(),
        List.of(new CrmUnsorted("unsorted-1", Optional.of(ADS_PIPELINE), Optional.of(40_001L),
            Optional.of(30_001L), Optional.of(OLENA), Optional.of(STARTED.minusSeconds(86_400)))));
  }

  // --- calls --------------------------------------------------------------------------------

  /** An inbound call from the client after an ads click. */
  public static Call inbound(String callId) {
    return new Call(callId, CallDirection.INBOUND, CLIENT_RAW, Optional.empty(), ADS_CLICK);
  }

  /** An outbound call to the client. */
  public static Call outbound(String callId) {
    return new Call(callId, CallDirection.OUTBOUND, CLIENT_RAW, Optional.empty(), Tracking.EMPTY);
  }

  /** One call, and the events it produces. */
  public record Call(String callId, CallDirection direction, String clientPhone,
      Optional<String> endpoint, Tracking tracking) {

    /** The same call answered (inbound) or dialled (outbound) on {@code endpoint}. */
    public Call by(String endpointValue) {
      return new Call(callId, direction, clientPhone, Optional.of(endpointValue), tracking);
    }

    /** The same call from another number. */
    public Call from(String phone) {
      return new Call(callId, direction, phone, endpoint, tracking);
    }

    public CallEvent ringing() {
      return base(CallPhase.RINGING)
          .employeeEndpoint(direction == CallDirection.OUTBOUND ? endpoint : Optional.empty())
          .build();
    }

    public CallEvent answered() {
      return base(CallPhase.ANSWERED).employeeEndpoint(endpoint).answeredAt(ANSWERED).build();
    }

    /** The end of an answered call: three minutes of talk, with a recording. */
    public CallEvent ended() {
      return base(CallPhase.ENDED).disposition(Disposition.ANSWERED).employeeEndpoint(endpoint)
          .answeredAt(ANSWERED).endedAt(ENDED)
          .recordingUrl("https://records.example/" + callId + ".mp3").build();
    }

    /** The end of a call nobody answered. */
    public CallEvent missed(Disposition disposition) {
      return base(CallPhase.ENDED).disposition(disposition).employeeEndpoint(endpoint)
          .endedAt(MISSED_ENDED).build();
    }

    /** The end of a call nobody answered: NO_ANSWER. */
    public CallEvent missed() {
      return missed(Disposition.NO_ANSWER);
    }

    private CallEvent.Builder base(CallPhase phase) {
      return CallEvent.builder().callId(callId).phase(phase).direction(direction)
          .clientPhone(clientPhone).trackingPhone("+380 44 111 00 01").startedAt(STARTED)
          .tracking(tracking);
    }
  }
}
