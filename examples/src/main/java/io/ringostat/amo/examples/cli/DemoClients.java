package io.ringostat.amo.examples.cli;

import io.ringostat.amo.testkit.AmoEmulator;
import java.util.List;

/** The clients the demo's CRM holds before the day starts: each a contact with one deal. */
final class DemoClients {
  /** A client: contact name, phone, responsible amoCRM user, deal pipeline and status. */
  record Client(String name, String phone, long responsible, long pipeline, long status) {}

  static final long SALES = 3383152;
  static final long CONTEXT_ADS = 3383153;

  static final List<Client> CLIENTS = List.of(
      new Client("Taras Melnyk", "+380671112200", 504141, SALES, 33929755),
      new Client("Oksana Lysenko", "+380931234500", 504142, SALES, 33929758),
      new Client("Bohdan Kravets", "+380505556677", 504143, SALES, 142),
      new Client("Natalia Hnatiuk", "+380442223344", 504141, CONTEXT_ADS, 33929803));

  private DemoClients() {}

  static AmoEmulator.Builder seed(AmoEmulator.Builder b) {
    for (Client c : CLIENTS) {
      b.existingContact(c.name(), c.phone(), c.responsible())
          .existingDeal(c.phone(), c.pipeline(), c.status(), c.responsible());
    }
    return b;
  }
}
