package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.Listing;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyRules;
import java.io.PrintStream;
import java.util.SortedSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kes policy ...} (see docs/cli.md). */
final class PolicyCommands {

  private PolicyCommands() {}

  @Command(name = "policy", description = "Show policies.", synopsisSubcommandLabel = "<command>")
  static final class Group {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
  }

  static CommandLine command(Cli cli) {
    CommandLine policy = new CommandLine(new Group());
    policy.addSubcommand("info", new Info(cli));
    policy.addSubcommand("ls", new Ls(cli));
    policy.addSubcommand("show", new Show(cli));
    return policy;
  }

  @Command(name = "info", description = "Describe a policy.",
      customSynopsis = "kes policy info [-k] [--json] <name>")
  static final class Info extends ClientCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Info(Cli cli) {
      super(cli);
    }

    @Override
    String command() {
      return "policy info";
    }

    @Override
    void checkArgs() {
      arg(0, "no policy name specified");
      atMost(1);
    }

    @Override
    void run(KesClient kes) {
      String name = args.get(0);
      PolicyInfo p = Failures.get("failed to describe policy \"" + name + "\"",
          () -> kes.describePolicy(name));
      if (json) {
        cli.out().println(Output.json(Output.object("name", p.name(),
            "created_at", Output.goTime(p.createdAt()), "created_by", p.createdBy()),
            cli.terminal()));
        return;
      }
      Output.labelled(cli.out(), 11, "Name", p.name(), "Date", Output.date(p.createdAt()),
          "Created by", p.createdBy());
    }
  }

  @Command(name = "ls", description = "List policies; a trailing '*' matches any suffix.",
      customSynopsis = "kes policy ls [-k] [--json] [<pattern>]")
  static final class Ls extends ClientCommand {
    @Option(names = "--json", description = "Print a JSON array.")
    boolean json;

    Ls(Cli cli) {
      super(cli);
    }

    @Override
    String command() {
      return "policy ls";
    }

    @Override
    void checkArgs() {
      atMost(1);
    }

    @Override
    void run(KesClient kes) {
      String pattern = args.isEmpty() ? "*" : args.get(0);
      Listing l = Failures.get("failed to list policies", () -> kes.listPolicies(pattern));
      if (json) {
        cli.out().println(Output.json(l.names(), false));
      } else {
        Output.table(cli.out(), "Policy", l.names());
      }
    }
  }

  @Command(name = "show", description = "Show a policy's allow and deny patterns.",
      customSynopsis = "kes policy show [-k] [--json] <name>")
  static final class Show extends ClientCommand {
    @Option(names = "--json", description = "Print JSON (also when not on a terminal).")
    boolean json;

    Show(Cli cli) {
      super(cli);
    }

    @Override
    String command() {
      return "policy show";
    }

    @Override
    void checkArgs() {
      arg(0, "no policy name specified");
      atMost(1);
    }

    @Override
    void run(KesClient kes) {
      String name = args.get(0);
      PolicyRules r = Failures.get("failed to show policy \"" + name + "\"",
          () -> kes.readPolicy(name));
      if (json || !cli.terminal()) {
        cli.out().println(Output.json(Output.object("allow", Output.patterns(r.allow()),
            "deny", Output.patterns(r.deny()), "created_at", Output.goTime(r.createdAt()),
            "created_by", r.createdBy()), cli.terminal()));
        return;
      }
      PrintStream out = cli.out();
      bullets(out, "Allow:", r.allow());
      bullets(out, "Deny:", r.deny());
      out.println();
      Output.labelled(out, 12, "Created at:", Output.date(r.createdAt()),
          "Created by:", r.createdBy().isEmpty() ? "<unknown>" : r.createdBy());
    }
  }

  static void bullets(PrintStream out, String title, SortedSet<String> items) {
    if (items.isEmpty()) {
      return;
    }
    out.println(title);
    items.forEach(i -> out.println("  · " + i));
  }
}
