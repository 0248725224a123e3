package io.ringostat.amo.examples;

import io.ringostat.amo.engine.ActivationResult;
import io.ringostat.amo.engine.Alert;
import io.ringostat.amo.engine.EngineListener;
import io.ringostat.amo.engine.HandleResult;
import io.ringostat.amo.engine.IntegrationEngine;
import io.ringostat.amo.core.model.CallEvent;
import io.ringostat.amo.core.routing.CallerCard;
import io.ringostat.amo.core.routing.RoutingDecision;
import io.ringostat.amo.core.settings.IntegrationSettings;
import io.ringostat.amo.journal.sqlite.SqliteJournal;
import io.ringostat.amo.json.CallEventJson;
import io.ringostat.amo.json.SettingsJson;
import io.ringostat.amo.okhttp.AmoOkHttpGateway;
import io.ringostat.amo.okhttp.LongLivedToken;
import java.io.IOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's quick start, compiled in CI: settings from JSON, the OkHttp gateway with a
 * long-lived token, the durable SQLite journal, a listener for alerts, then {@code handle}, {@code
 * route} and {@code callerCard} against a real amoCRM account.
 *
 * <p>Without {@code AMO_TOKEN} it only says what to set, and does nothing. With it, it activates
 * the integration, answers route and card for {@code AMO_PHONE} (read-only), and handles the call
 * event given as the first argument, if any (one JSON line, {@code docs/events.md}): that writes
 * to the account.
 *
 * <pre>{@code
 * export AMO_TOKEN=...  AMO_SETTINGS=settings.json  AMO_PHONE=+380441234567
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.ringostat.amo.examples.QuickStart
 * }</pre>
 */
public final class QuickStart {
  private static final Logger log = LoggerFactory.getLogger(QuickStart.class);

  private QuickStart() {}

  public static void main(String[] args) throws IOException {
    String token = System.getenv("AMO_TOKEN");
    if (token == null || token.isBlank()) {
      System.out.println("QuickStart: set AMO_TOKEN (a long-lived token of your amoCRM account),"
          + " AMO_SETTINGS (default settings.json, see docs/settings.md) and AMO_PHONE to run it."
          + " Nothing was done.");
      return;
    }
    Path settingsFile = Path.of(System.getenv().getOrDefault("AMO_SETTINGS", "settings.json"));
    String phone = System.getenv().getOrDefault("AMO_PHONE", "+380441234567");

    IntegrationSettings settings = SettingsJson.load(settingsFile);      // docs/settings.md
    IntegrationEngine engine = IntegrationEngine.builder()
        .settings(settings)
        .amo(AmoOkHttpGateway.builder()
            .account(settings.account())                    // https://mycompany.amocrm.ru
            .credentials(LongLivedToken.of(token))
            .build())
        .journal(SqliteJournal.open(Path.of("data")))       // durable: nothing is lost on a crash
        .listener(new EngineListener() {
          @Override
          public void alert(Alert a) {
            log.warn("{}: {}", a.kind(), a.message());
          }

          @Override
          public void outcome(HandleResult r) {
            log.info("{} {}: {}", r.callId(), r.status(), r.message());
          }
        })
        .build();
    try (engine) {
      ActivationResult activation = engine.activate();    // checks the token and the settings
      System.out.println("activation: " + activation.state() + " " + activation.problems());
      if (!activation.isActive()) {
        return;
      }
      if (args.length > 0) {
        CallEvent callEvent = CallEventJson.read(args[0]);
        HandleResult r = engine.handle(callEvent);     // on each RINGING / ANSWERED / ENDED event
        System.out.println(r.status() + ": " + r.message());
        r.effects().forEach(e -> System.out.println("  " + e.key() + " " + e.links()));
      }
      RoutingDecision d = engine.route(phone);         // before forwarding: the responsible manager
      System.out.println("route: " + (d.routes() ? d.employee().orElseThrow().name() + " "
          + d.destinations() : "fall through, " + d.reason()));
      CallerCard card = engine.callerCard(phone);      // screen pop with links into amoCRM
      System.out.println("card: " + card.contact().map(c -> c.name() + " " + c.link())
          .orElse("nothing known"));
    }
  }
}
