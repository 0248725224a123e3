package io.ringostat.amo.testkit;

import static io.ringostat.amo.testkit.Shapes.assertFields;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reference data endpoints against reference §11 and the problem shapes of §3. */
class AccountEndpointsTest {
  private AmoEmulator amo;

  @AfterEach
  void stop() {
    if (amo != null) {
      amo.close();
    }
  }

  private TestHttp start(AmoEmulator.Builder b) {
    amo = b.start();
    return new TestHttp(amo);
  }

  @Test
  void accountWithDatetimeSettingsCarriesTheTimeZone() throws Exception {
    TestHttp http =
        start(
            AmoEmulator.builder()
                .subdomain("acme")
                .user(11, "Olena")
                .clock(ManualClock.at(Instant.parse("2025-01-15T10:00:00Z"))));
    TestHttp.Resp r = http.get("/api/v4/account?with=datetime_settings");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo("application/hal+json");
    JsonNode a = r.json();
    assertFields(
        a,
        "id:int",
        "name:string",
        "subdomain:string",
        "current_user_id:int",
        "country:string",
        "currency:string",
        "is_unsorted_on:bool",
        "datetime_settings:object",
        "_links:object");
    assertThat(a.get("subdomain").asText()).isEqualTo("acme");
    assertThat(a.get("current_user_id").asLong()).isEqualTo(11);
    assertThat(a.at("/datetime_settings/timezone").asText()).isEqualTo("Europe/Kyiv");
    assertThat(a.at("/datetime_settings/timezone_offset").asText()).isEqualTo("+02:00");
    assertThat(http.get("/api/v4/account").json().has("datetime_settings")).isFalse();
  }

  @Test
  void timeZoneIsConfigurable() throws Exception {
    TestHttp http = start(AmoEmulator.builder().timeZone(ZoneId.of("Europe/Moscow")));
    JsonNode a = http.get("/api/v4/account?with=datetime_settings").json();
    assertThat(a.at("/datetime_settings/timezone").asText()).isEqualTo("Europe/Moscow");
    assertThat(a.at("/datetime_settings/timezone_offset").asText()).isEqualTo("+03:00");
  }

  @Test
  void usersAreHalWithTotalsAndRights() throws Exception {
    TestHttp http = start(AmoEmulator.builder().user(11, "Olena").user(12, "Petro", false));
    JsonNode u = http.get("/api/v4/users").json();
    assertFields(
        u, "_total_items:int", "_page:int", "_page_count:int", "_links:object", "_embedded:object");
    assertThat(u.get("_total_items").asInt()).isEqualTo(2);
    JsonNode first = u.at("/_embedded/users/0");
    assertFields(first, "id:int", "name:string", "email:string", "lang:string", "rights:object");
    assertFields(first.get("rights"), "is_admin:bool", "is_free:bool", "is_active:bool");
    assertThat(first.at("/rights/is_admin").asBoolean()).isTrue();
    assertThat(u.at("/_embedded/users/1/rights/is_active").asBoolean()).isFalse();
    assertThat(http.get("/api/v4/users/12").json().get("name").asText()).isEqualTo("Petro");
    assertThat(http.get("/api/v4/users/99").status()).isEqualTo(204);
  }

  @Test
  void pipelinesCarryUnsortedAndSystemStatuses() throws Exception {
    TestHttp http =
        start(
            AmoEmulator.builder()
                .pipeline(
                    100,
                    "Sales",
                    true,
                    AmoEmulator.Builder.status(1001, "New"),
                    AmoEmulator.Builder.status(1002, "Talks"))
                .pipeline(200, "Service", false, AmoEmulator.Builder.status(2001, "Open")));
    JsonNode p = http.get("/api/v4/leads/pipelines").json();
    assertFields(p, "_total_items:int", "_links:object", "_embedded:object");
    JsonNode sales = p.at("/_embedded/pipelines/0");
    assertFields(
        sales,
        "id:int",
        "name:string",
        "sort:int",
        "is_main:bool",
        "is_unsorted_on:bool",
        "is_archive:bool",
        "account_id:int",
        "_embedded:object");
    assertThat(sales.get("is_main").asBoolean()).isTrue();
    List<Long> ids = new ArrayList<>();
    List<Integer> types = new ArrayList<>();
    for (JsonNode s : sales.at("/_embedded/statuses")) {
      assertFields(
          s,
          "id:int",
          "name:string",
          "sort:int",
          "is_editable:bool",
          "pipeline_id:int",
          "color:string",
          "type:int",
          "account_id:int");
      ids.add(s.get("id").asLong());
      types.add(s.get("type").asInt());
    }
    assertThat(types.get(0)).isEqualTo(1);
    assertThat(ids.subList(1, ids.size())).containsExactly(1001L, 1002L, 142L, 143L);
    assertThat(p.at("/_embedded/pipelines/1/_embedded/statuses").size()).isEqualTo(4);
    assertThat(http.get("/api/v4/leads/pipelines/200").json().get("name").asText())
        .isEqualTo("Service");
    assertThat(http.get("/api/v4/leads/pipelines/999").status()).isEqualTo(404);
  }

  @Test
  void defaultAccountHasTrackingFieldsAndPhoneEnums() throws Exception {
    TestHttp http = start(AmoEmulator.builder());
    JsonNode tracking = http.get("/api/v4/leads/custom_fields?filter[type][]=tracking_data").json();
    List<String> codes = new ArrayList<>();
    tracking.at("/_embedded/custom_fields").forEach(f -> codes.add(f.get("code").asText()));
    assertThat(codes)
        .containsExactly(
            "UTM_SOURCE",
            "UTM_MEDIUM",
            "UTM_CAMPAIGN",
            "UTM_TERM",
            "UTM_CONTENT",
            "UTM_REFERRER",
            "ROISTAT");
    JsonNode contacts = http.get("/api/v4/contacts/custom_fields").json();
    JsonNode phone = contacts.at("/_embedded/custom_fields/0");
    assertFields(
        phone,
        "id:int",
        "name:string",
        "type:string",
        "code:string",
        "sort:int",
        "is_api_only:bool",
        "enums:array",
        "entity_type:string");
    assertThat(phone.get("code").asText()).isEqualTo("PHONE");
    List<String> enums = new ArrayList<>();
    phone.get("enums").forEach(e -> enums.add(e.get("value").asText()));
    assertThat(enums).containsExactly("WORK", "WORKDD", "MOB", "FAX", "HOME", "OTHER");
    assertThat(http.get("/api/v4/leads/custom_fields?filter[type][]=select").status())
        .isEqualTo(204);
  }

  @Test
  void customFieldsComeAtMostFiftyPerPage() throws Exception {
    AmoEmulator.Builder b = AmoEmulator.builder();
    for (int i = 0; i < 60; i++) {
      b.customField("leads", 900000 + i, "Field " + i, null, "text");
    }
    TestHttp http = start(b);
    JsonNode first = http.get("/api/v4/leads/custom_fields?limit=250").json();
    assertThat(first.at("/_embedded/custom_fields").size()).isEqualTo(50);
    assertThat(first.get("_total_items").asInt()).isEqualTo(67);
    String next = first.at("/_links/next/href").asText();
    assertThat(next).startsWith(amo.baseUrl()).contains("page=2");
    JsonNode second = http.get(next.substring(amo.baseUrl().length())).json();
    assertThat(second.at("/_embedded/custom_fields").size()).isEqualTo(17);
    assertThat(second.at("/_links").has("next")).isFalse();
  }

  @Test
  void unknownPathIs404ProblemAndWrongMethodIs405() throws Exception {
    TestHttp http = start(AmoEmulator.builder());
    TestHttp.Resp r = http.get("/api/v4/nothing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).isEqualTo("application/problem+json");
    assertFields(r.json(), "title:string", "type:string", "status:int", "detail:string");
    assertThat(http.delete("/api/v4/contacts").status()).isEqualTo(405);
  }
}
