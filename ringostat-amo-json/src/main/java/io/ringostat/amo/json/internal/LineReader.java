package io.ringostat.amo.json.internal;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines ({@code \n} or {@code \r\n}) while holding at most {@code maxChars} characters of a
 * line in memory, so a runaway line in a JSONL file cannot exhaust the heap; the rest of such a
 * line is skipped and counted. Not thread-safe.
 */
public final class LineReader {
  /** One line: its 1-based number, its text (cut at the limit), and how many characters were cut. */
  public record Line(int number, String text, long cutChars) {
    public boolean tooLong() {
      return cutChars > 0;
    }
  }

  private final Reader in;
  private final int maxChars;
  private final char[] buffer = new char[8192];
  private final StringBuilder line = new StringBuilder();
  private int pos;
  private int limit;
  private int number;

  public LineReader(Reader in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    line.setLength(0);
    long cut = 0;
    boolean any = false;
    while (true) {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          return any ? finish(cut) : null;
        }
      }
      char c = buffer[pos++];
      any = true;
      if (c == '\n') {
        return finish(cut);
      }
      if (line.length() < maxChars) {
        line.append(c);
      } else {
        cut++;
      }
    }
  }

  private Line finish(long cut) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      line.setLength(end - 1);
    }
    return new Line(++number, line.toString(), cut);
  }
}
