package io.ringostat.amo.examples.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain-text terminal output, at most {@link #WIDTH} columns: long lines are wrapped at spaces
 * with a hanging indent. ANSI styles (bold headings, dim details) only when {@code ansi} is on,
 * which {@link RingostatAmo#main} does for an interactive terminal without {@code NO_COLOR}.
 * Not thread-safe; commands print from their own thread.
 */
final class Out {
  static final int WIDTH = 100;
  private static final java.util.regex.Pattern ANSI = java.util.regex.Pattern.compile(
      "\u001b\\[[0-9;]*m");

  private final PrintWriter w;
  private final boolean ansi;

  Out(PrintWriter w, boolean ansi) {
    this.w = w;
    this.ansi = ansi;
  }

  PrintWriter writer() {
    return w;
  }

  /** Prints {@code text}, wrapped at {@link #WIDTH} with continuation lines indented. */
  void line(String text) {
    if (text.indexOf('\u001b') >= 0) {
      String plain = ANSI.matcher(text).replaceAll("");
      if (plain.length() <= WIDTH && plain.indexOf('\n') < 0) {
        w.println(text);
        w.flush();
        return;
      }
      text = plain; // too long for one line: wrap it without styles
    }
    for (String l : wrap(text, WIDTH)) {
      w.println(l.stripTrailing());
    }
    w.flush();
  }

  /** A paragraph: wrapped at {@link #WIDTH} without a hanging indent. */
  void para(String text) {
    String rest = text;
    while (rest.length() > WIDTH) {
      int cut = rest.lastIndexOf(' ', WIDTH);
      if (cut < 1) {
        cut = WIDTH;
      }
      w.println(rest.substring(0, cut));
      rest = rest.substring(cut).stripLeading();
    }
    w.println(rest);
    w.flush();
  }

  void blank() {
    w.println();
    w.flush();
  }

  /** A heading between two rules. */
  void heading(String title) {
    String rule = "=".repeat(WIDTH);
    w.println();
    w.println(rule);
    w.println(bold(title));
    w.println(rule);
    w.flush();
  }

  /** A sub-heading with a rule under it. */
  void section(String title) {
    w.println();
    w.println(bold(title));
    w.println("-".repeat(Math.min(WIDTH, title.length())));
    w.flush();
  }

  String bold(String s) {
    return ansi ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  String dim(String s) {
    return ansi ? "\u001b[2m" + s + "\u001b[0m" : s;
  }

  String red(String s) {
    return ansi ? "\u001b[31m" + s + "\u001b[0m" : s;
  }

  /**
   * Splits {@code text} into lines of at most {@code width} characters; continuation lines keep
   * the first line's leading spaces plus four.
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String raw : text.split("\n", -1)) {
      int lead = 0;
      while (lead < raw.length() && raw.charAt(lead) == ' ') {
        lead++;
      }
      String indent = " ".repeat(Math.min(lead + 4, width / 2));
      String rest = raw;
      boolean first = true;
      while (rest.length() > width) {
        int cut = rest.lastIndexOf(' ', width);
        int min = first ? lead + 1 : indent.length() + 1;
        if (cut < min) {
          cut = width; // a long word (a URL): cut it hard
        }
        out.add(rest.substring(0, cut).stripTrailing());
        rest = indent + rest.substring(cut).stripLeading();
        first = false;
      }
      out.add(rest);
    }
    return out;
  }

  /** {@code s} cut to {@code max} characters with an ellipsis. */
  static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, Math.max(0, max - 3)) + "...";
  }

  /** {@code s} padded with spaces to {@code width}. */
  static String pad(String s, int width) {
    return s.length() >= width ? s : s + " ".repeat(width - s.length());
  }
}
