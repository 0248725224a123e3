package io.ringostat.amo.examples;

import io.ringostat.amo.examples.cli.RingostatAmo;

/**
 * The README's main command: a day of calls on the embedded amoCRM emulator, then the CRM board.
 * The same as {@code ringostat-amo demo}; {@code bin/demo} runs it.
 *
 * <pre>{@code
 * bin/demo
 * mvn -q -pl examples exec:java -Dexec.mainClass=io.ringostat.amo.examples.Demo
 * }</pre>
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    String[] all = new String[args.length + 1];
    all[0] = "demo";
    System.arraycopy(args, 0, all, 1, args.length);
    RingostatAmo.main(all);
  }
}
