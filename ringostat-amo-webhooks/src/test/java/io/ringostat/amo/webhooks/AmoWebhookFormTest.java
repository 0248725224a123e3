package io.ringostat.amo.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ringostat.amo.core.plan.EntityType;
import org.junit.jupiter.api.Test;

class AmoWebhookFormTest {
  @Test
  void companiesUnderContactsLeadsAndPhones() {
    AmoWebhook hook = AmoWebhookForm.parse(AmoWebhookTest.form(
        "account[subdomain]", "demo", "account[id]", "42",
        "contacts[update][0][id]", "11", "contacts[update][0][type]", "company",
        "contacts[update][0][custom_fields][0][code]", "PHONE",
        "contacts[update][0][custom_fields][0][values][0][value]", "+380441112233",
        "contacts[update][0][custom_fields][0][values][1][value]", "0442223344",
        "contacts[update][0][custom_fields][1][code]", "EMAIL",
        "contacts[update][0][custom_fields][1][values][0][value]", "a@example.com",
        "contacts[add][0][id]", "12",
        "leads[status][0][id]", "21", "leads[status][0][status_id]", "142",
        "unknown[key]", "x"));

    assertThat(hook.subdomain()).isEqualTo("demo");
    assertThat(hook.accountId()).hasValue(42L);
    assertThat(hook.changes()).extracting(AmoWebhook.Change::type, AmoWebhook.Change::id)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(EntityType.COMPANY, 11L),
            org.assertj.core.groups.Tuple.tuple(EntityType.CONTACT, 12L),
            org.assertj.core.groups.Tuple.tuple(EntityType.DEAL, 21L));
    assertThat(hook.changes().get(0).phones()).containsExactly("+380441112233", "0442223344");
    assertThat(hook.changes().get(0).toString()).doesNotContain("380441112233");
  }

  @Test
  void emptyAndBroken() {
    assertThat(AmoWebhookForm.parse("").changes()).isEmpty();
    assertThatThrownBy(() -> AmoWebhookForm.parse("contacts[update=1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AmoWebhookForm.parse("a=%zz"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
