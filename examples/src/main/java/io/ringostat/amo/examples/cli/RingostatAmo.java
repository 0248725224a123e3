package io.ringostat.amo.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code ringostat-amo} command line: {@code demo}, {@code demo-ami}, {@code replay}, {@code
 * route}, {@code card}, {@code serve}, {@code ami}. See {@code docs/cli.md}.
 *
 * <p>Exit codes: 0 when every event was delivered, had nothing to do or was a duplicate; 1 when
 * an event failed, a line was malformed, or amoCRM could not be reached; 2 for usage errors
 * (unknown options, a missing or invalid settings file, a refused URL).
 */
@Command(name = "ringostat-amo",
    mixinStandardHelpOptions = true,
    versionProvider = RingostatAmo.Version.class,
    description = "Connects telephony to amoCRM: replays call events, previews their plans, and "
        + "answers smart-routing and caller-card questions. Start with: demo",
    subcommands = {DemoCommand.class, DemoAmiCommand.class, ReplayCommand.class,
        RouteCommand.class, CardCommand.class,
        ServeCommand.class, AmiCommand.class,
        CommandLine.HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:every event delivered, nothing to do, or a duplicate",
        "1:an event failed, a calls line was malformed, or amoCRM could not be reached",
        "2:usage error (options, settings file, refused URL)"})
public final class RingostatAmo implements Runnable {
  @Spec
  CommandSpec spec;

  private boolean ansi;

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(execute(interactive(), args));
  }

  /**
   * A command line ready to run: output to {@code System.out}/{@code System.err} (UTF-8), styles
   * on when {@code ansi}.
   */
  public static CommandLine commandLine(boolean ansi) {
    RingostatAmo top = new RingostatAmo();
    top.ansi = ansi;
    CommandLine cl = new CommandLine(top);
    cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out,
        java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setErr(new PrintWriter(new java.io.OutputStreamWriter(System.err,
        java.nio.charset.StandardCharsets.UTF_8), true));
    cl.setParameterExceptionHandler(RingostatAmo::usageError);
    return cl;
  }

  static int execute(boolean ansi, String... args) {
    return commandLine(ansi).execute(args);
  }

  /** A usage error: the message, suggestions for a mistyped option, where to get help; exit 2. */
  private static int usageError(CommandLine.ParameterException ex, String[] args) {
    CommandLine c = ex.getCommandLine();
    PrintWriter err = c.getErr();
    err.println("error: " + ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
    err.flush();
    return c.getCommandSpec().exitCodeOnInvalidInput();
  }

  /** Styles only for a terminal, and never with NO_COLOR set or TERM=dumb. */
  static boolean interactive() {
    return System.console() != null && System.getenv("NO_COLOR") == null
        && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The standard output of {@code spec}'s command line, with this run's styles. */
  static Out out(CommandSpec spec) {
    return new Out(spec.commandLine().getOut(), ansiOf(spec));
  }

  /** The error output of {@code spec}'s command line. */
  static Out err(CommandSpec spec) {
    return new Out(spec.commandLine().getErr(), false);
  }

  private static boolean ansiOf(CommandSpec spec) {
    CommandSpec root = spec.root();
    return root.userObject() instanceof RingostatAmo r && r.ansi;
  }

  /** The version from the jar manifest, or "development" when run from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = RingostatAmo.class.getPackage().getImplementationVersion();
      return new String[] {"ringostat-amo " + (v == null ? "0.1.0-SNAPSHOT" : v)};
    }
  }
}
