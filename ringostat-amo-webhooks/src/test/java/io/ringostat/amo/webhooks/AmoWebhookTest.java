package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.ringostat.amo.core.model.CrmContact;
import io.ringostat.amo.core.model.CrmDeal;
import io.ringostat.amo.core.model.CrmView;
import io.ringostat.amo.core.model.PhoneNumber;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.testing.FakeCrm;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@code POST /amocrm/webhook/<token>}: amoCRM's changes reach routing with no wait. */
class AmoWebhookTest {
  static final String TOKEN = "f3a9c1d27b8e4a6c9d0e1f2a3b4c5d6e";
  static final PhoneNumber CLIENT = new PhoneNumber("380441234567");

  Receiver r = new Receiver(b -> b.amoPathToken(TOKEN).amoAccountId(29_085_613));

  @AfterEach
  void close() {
    r.close();
  }

  static String form(String... pairs) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < pairs.length; i += 2) {
      b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(pairs[i],
          StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(pairs[i + 1],
          StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  HttpResponse<String> deliver(String path, String body) {
    return r.post(path, body, "application/x-www-form-urlencoded", null);
  }

  @Test
  @DisplayName("a contact's responsible change: the next route names the new manager at once")
  void contactResponsible() {
    long id = r.crm.addContact(CLIENT, Receiver.OLENA);
    assertThat(r.engine.route("+380441234567").employee().orElseThrow().name())
        .isEqualTo("Olena");
    assertThat(r.engine.route("+380441234567").fromCache()).isTrue();
    reassignContact(id, Receiver.SENIOR);

    HttpResponse<String> res = deliver("/amocrm/webhook/" + TOKEN, form(
        "contacts[responsible][0][id]", String.valueOf(id),
        "contacts[responsible][0][name]", "Client",
        "contacts[responsible][0][responsible_user_id]", String.valueOf(Receiver.SENIOR),
        "contacts[responsible][0][type]", "contact",
        "contacts[responsible][0][custom_fields][0][id]", "66192",
        "contacts[responsible][0][custom_fields][0][name]", "Телефон",
        "contacts[responsible][0][custom_fields][0][code]", "PHONE",
        "contacts[responsible][0][custom_fields][0][values][0][value]", "+380 44 123 45 67",
        "contacts[responsible][0][custom_fields][0][values][0][enum]", "193200",
        "account[subdomain]", "demo",
        "account[id]", "29085613"));
    RoutingDecision next = r.engine.route("+380441234567");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(res.body()).contains("\"entities\":1", "\"phones\":1");
    assertThat(next.fromCache()).isFalse();
    assertThat(next.employee().orElseThrow().name()).isEqualTo("Iryna");
  }

  @Test
  @DisplayName("a lead's responsible change (no phones in the payload) forgets by deal id")
  void leadResponsible() {
    long contact = r.crm.addContact(CLIENT, 999); // no employee: routing goes by the deal
    long deal = r.crm.crm(f -> f.addDeal(contact, FakeCrm.MAIN_PIPELINE,
        FakeCrm.MAIN_PIPELINE * 10 + 1, Receiver.OLENA));
    assertThat(r.engine.route("+380441234567").employee().orElseThrow().name())
        .isEqualTo("Olena");
    r.crm.crm(f -> f.seed(new CrmView(CLIENT, List.of(), List.of(new CrmDeal(deal, "Deal",
        FakeCrm.MAIN_PIPELINE, FakeCrm.MAIN_PIPELINE * 10 + 1, Optional.of(Receiver.SENIOR),
        Optional.of(contact), Optional.empty())), List.of(), List.of())));

    HttpResponse<String> res = deliver("/amocrm/webhook/" + TOKEN, form(
        "leads[responsible][0][id]", String.valueOf(deal),
        "leads[responsible][0][responsible_user_id]", String.valueOf(Receiver.SENIOR),
        "leads[responsible][0][old_responsible_user_id]", String.valueOf(Receiver.OLENA),
        "account[subdomain]", "demo",
        "account[id]", "29085613"));
    RoutingDecision next = r.engine.route("+380441234567");

    assertThat(res.statusCode()).isEqualTo(200);
    assertThat(next.fromCache()).isFalse();
    assertThat(next.employee().orElseThrow().name()).isEqualTo("Iryna");
  }

  @Test
  @DisplayName("another subdomain or account id: 403, ignored, the cache kept")
  void wrongAccount() {
    long id = r.crm.addContact(CLIENT, Receiver.OLENA);
    r.engine.route("+380441234567");
    String other = form("contacts[update][0][id]", String.valueOf(id),
        "account[subdomain]", "rival", "account[id]", "29085613");
    String otherId = form("contacts[update][0][id]", String.valueOf(id),
        "account[subdomain]", "demo", "account[id]", "1");

    assertThat(deliver("/amocrm/webhook/" + TOKEN, other).statusCode()).isEqualTo(403);
    assertThat(deliver("/amocrm/webhook/" + TOKEN, otherId).statusCode()).isEqualTo(403);
    assertThat(r.engine.route("+380441234567").fromCache()).isTrue();
  }

  @Test
  @DisplayName("without the path token, or with a wrong one: 404, the token never confirmed")
  void pathToken() {
    String body = form("account[subdomain]", "demo", "account[id]", "29085613");

    assertThat(deliver("/amocrm/webhook", body).statusCode()).isEqualTo(404);
    assertThat(deliver("/amocrm/webhook/" + TOKEN.replace('f', 'e'), body).statusCode())
        .isEqualTo(404);
    assertThat(deliver("/amocrm/webhook/" + TOKEN, body).statusCode()).isEqualTo(200);
  }

  @Test
  @DisplayName("a malformed form is 400, another content type 415, an oversized body 413; the"
      + " cache is kept")
  void badDeliveries() {
    r.crm.addContact(CLIENT, Receiver.OLENA);
    r.engine.route("+380441234567");
    String path = "/amocrm/webhook/" + TOKEN;

    HttpResponse<String> broken = deliver(path, "contacts[update=1&account[subdomain]=demo");
    HttpResponse<String> json = r.post(path, "{\"account\":{\"subdomain\":\"demo\"}}",
        "application/json", null);
    HttpResponse<String> huge = deliver(path, form("account[subdomain]", "demo",
        "contacts[update][0][name]", "x".repeat(WebhookServer.DEFAULT_MAX_AMO_BODY_BYTES)));

    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.body()).contains("not an amoCRM webhook form");
    assertThat(json.statusCode()).isEqualTo(415);
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(r.engine.route("+380441234567").fromCache()).isTrue();
    assertThat(r.journaled()).as("amoCRM webhooks never touch the journal").isZero();
  }

  private void reassignContact(long id, long user) {
    r.crm.crm(f -> f.seed(new CrmView(CLIENT, List.of(new CrmContact(id, "Client",
        Optional.of(user), List.of(), Optional.empty(), Optional.empty())), List.of(), List.of(),
        List.of())));
  }
}
