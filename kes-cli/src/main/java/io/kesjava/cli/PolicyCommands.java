package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.IdentityNotFoundException;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyRules;
import io.kesjava.policy.Decision;
import io.kesjava.policy.Explanation;
import io.kesjava.policy.Policy;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code kes policy ...} (docs/cli.md). */
final class PolicyCommands {

  private PolicyCommands() {}

  @Command(name = "policy", description = "Show policies.", synopsisSubcommandLabel = "<command>")
  static final class Group {
    @Mixin HelpOption help;
  }

  static CommandLine command(Cli cli) {
    CommandLine policy = new CommandLine(new Group());
    policy.addSubcommand("info", new Info(cli));
    policy.addSubcommand("ls", new Ls(cli));
    policy.addSubcommand("show", new Show(cli));
    policy.addSubcommand("explain", new Explain(cli));
    return policy;
  }

  @Command(name = "info", description = "Describe a policy.",
      customSynopsis = "kes policy info [-k] [--json] <name>")
  static final class Info extends NameCommand<PolicyInfo> {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Info(Cli cli) {
      super(cli, "no policy name specified", "failed to describe policy",
          KesClient::describePolicy);
    }

    @Override
    void print(String name, PolicyInfo p) {
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
  static final class Ls extends ListCommand {
    Ls(Cli cli) {
      super(cli, "Policy", "failed to list policies", "*", KesClient::listPolicies);
    }
  }

  @Command(name = "show", description = "Show a policy's allow and deny patterns.",
      customSynopsis = "kes policy show [-k] [--json] <name>")
  static final class Show extends NameCommand<PolicyRules> {
    @Option(names = "--json", description = "Print JSON (also when not on a terminal).")
    boolean json;

    Show(Cli cli) {
      super(cli, "no policy name specified", "failed to show policy", KesClient::readPolicy);
    }

    @Override
    void print(String name, PolicyRules r) {
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

  /**
   * {@code kes policy explain}: whether an identity, or any identity of a policy, may call a path,
   * and which pattern decided by which rule. Runs on the client: it reads the identity's policy
   * ({@code /v1/identity/describe}) and the policy's patterns ({@code /v1/policy/read}) from the
   * server and evaluates them with the server's rule (kes-policy), so the caller needs the rights
   * of {@code kes identity info} and {@code kes policy show}.
   */
  @Command(name = "explain",
      description = "Explain whether an identity (or a policy) may call a path, and why.",
      customSynopsis = "kes policy explain [-k] [--json] <identity|policy> <path>")
  static final class Explain extends ClientCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Explain(Cli cli) {
      super(cli);
    }

    @Override
    void checkArgs() {
      arg(0, "no identity or policy name specified");
      String path = arg(1, "no path specified");
      atMost(2);
      if (!path.startsWith("/")) {
        throw new CliException("invalid path '" + path + "': a request path starts with '/'. See"
            + " 'kes policy explain --help'");
      }
    }

    @Override
    void run(KesClient kes) {
      String subject = args.get(0);
      String path = args.get(1);
      String policyName = subject;
      String identity = "";
      Explanation e = null;
      if (subject.matches("[0-9a-f]{64}")) {
        identity = subject;
        IdentityInfo info =
            Failures.get("failed to describe identity", () -> describeOrNull(kes, subject));
        if (info == null || (!info.admin() && info.policy().isEmpty())) {
          e = new Explanation(Decision.DENY, Explanation.Reason.NO_POLICY, "",
              Explanation.Rule.NONE, "denied: the identity has no policy");
          policyName = "";
        } else if (info.admin()) {
          e = new Explanation(Decision.ALLOW, Explanation.Reason.ADMIN, "", Explanation.Rule.NONE,
              "allowed: the identity is the admin, which may call every path");
          policyName = "";
        } else {
          policyName = info.policy();
        }
      }
      if (e == null) {
        String name = policyName;
        PolicyRules r = Failures.get("failed to show policy \"" + name + "\"",
            () -> kes.readPolicy(name));
        e = new Policy(name, List.copyOf(r.allow()), List.copyOf(r.deny())).explain(path);
      }
      if (json) {
        cli.out().println(Output.json(Output.object(
            "identity", identity, "policy", policyName, "path", path,
            "decision", e.decision() == Decision.ALLOW ? "allow" : "deny",
            "reason", e.reason().name().toLowerCase(Locale.ROOT),
            "pattern", e.pattern(), "rule", e.rule().name().toLowerCase(Locale.ROOT),
            "explanation", e.text()), cli.terminal()));
        return;
      }
      PrintStream out = cli.out();
      if (!identity.isEmpty()) {
        Output.labelled(out, 10, "Identity", identity);
      }
      if (!policyName.isEmpty()) {
        Output.labelled(out, 10, "Policy", policyName);
      }
      Output.labelled(out, 10, "Path", path,
          "Decision", e.decision() == Decision.ALLOW ? "allowed" : "denied");
      if (!e.pattern().isEmpty()) {
        Output.labelled(out, 10, "Pattern", e.pattern() + " ("
            + (e.decision() == Decision.ALLOW ? "allow" : "deny") + ", " + rule(e.rule()) + ")");
      }
      Output.labelled(out, 10, "Why", e.text());
    }

    /** The identity's description; {@code null} when the server knows no such identity. */
    private static IdentityInfo describeOrNull(KesClient kes, String identity) {
      try {
        return kes.describeIdentity(new Identity(identity));
      } catch (IdentityNotFoundException e) {
        return null;
      }
    }

    private static String rule(Explanation.Rule rule) {
      return switch (rule) {
        case GLOB -> "matched as a glob";
        case PREFIX -> "matched by the prefix rule";
        case GLOB_AND_PREFIX -> "matched as a glob and by the prefix rule";
        case NONE -> "";
      };
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
