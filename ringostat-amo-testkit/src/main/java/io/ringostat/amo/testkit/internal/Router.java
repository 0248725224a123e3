package io.ringostat.amo.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Maps method + path to a handler; a known path with another method is 405, anything else 404. */
final class Router {
  /** Handles one matched request. */
  @FunctionalInterface
  interface Handler {
    ApiResponse handle(ApiRequest request, Match match);
  }

  /** The path's captured groups and the acting user (the token's user). */
  record Match(Matcher matcher, long actor) {
    long id(int group) {
      try {
        return Long.parseLong(matcher.group(group));
      } catch (NumberFormatException e) {
        throw new ApiException(Problems.notFound("Not Found"));
      }
    }

    String group(int group) {
      return matcher.group(group);
    }
  }

  private record Route(String method, Pattern pattern, Handler handler) {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String regex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(regex), handler));
    return this;
  }

  ApiResponse route(ApiRequest r, long actor) {
    boolean pathKnown = false;
    for (Route route : routes) {
      Matcher m = route.pattern().matcher(r.path());
      if (m.matches()) {
        if (route.method().equals(r.method())) {
          return route.handler().handle(r, new Match(m, actor));
        }
        pathKnown = true;
      }
    }
    return pathKnown ? Problems.methodNotAllowed() : Problems.notFound("Not Found");
  }
}
