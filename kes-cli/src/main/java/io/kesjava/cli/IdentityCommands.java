package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.PolicyRules;
import io.kesjava.core.SelfInfo;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The client half of {@code kes identity}: {@code info} and {@code ls} (see docs/cli.md).
 * {@code new} and {@code of} are the server module's; {@link KesMain} joins them in one group.
 */
final class IdentityCommands {

  private IdentityCommands() {}

  @Command(name = "info", description = "Describe an identity, or your own.",
      customSynopsis = "kes identity info [-k] [--json] [<identity>]")
  static final class Info extends ClientCommand {
    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    Info(Cli cli) {
      super(cli, null, 1);
    }

    @Override
    void run(KesClient kes) {
      if (args.isEmpty()) {
        self(Failures.get("failed to describe identity", kes::describeSelf));
        return;
      }
      Identity id = new Identity(args.get(0));
      IdentityInfo info = Failures.get("failed to describe identity", () -> kes.describeIdentity(id));
      if (json) {
        cli.out().println(Output.json(identityJson(info), false));
        return;
      }
      PrintStream out = cli.out();
      Output.labelled(out, 12, "Identity", info.identity().value());
      if (!info.policy().isEmpty()) {
        Output.labelled(out, 12, "Policy", info.policy());
      }
      Output.labelled(out, 12, "Created At", Output.date(info.createdAt()),
          "Role", info.admin() ? "Admin" : "User");
      if (!info.createdBy().isEmpty()) {
        Output.labelled(out, 12, "Created By", info.createdBy());
      }
    }

    private void self(SelfInfo self) {
      IdentityInfo info = self.info();
      if (json) {
        Map<String, Object> m = identityJson(info);
        m.put("identity", info.identity().value());
        self.rules().ifPresent(r -> {
          m.put("allow", Output.patterns(r.allow()));
          m.put("deny", Output.patterns(r.deny()));
        });
        m.values().removeIf(v -> v == null);
        cli.out().println(Output.json(m, false));
        return;
      }
      PrintStream out = cli.out();
      Output.labelled(out, 12, "Identity", info.identity().value(),
          "Created At", Output.date(info.createdAt()), "Role", info.admin() ? "Admin" : "User");
      if (!info.createdBy().isEmpty()) {
        Output.labelled(out, 12, "Created By", info.createdBy());
      }
      if (self.rules().isPresent()) {
        PolicyRules r = self.rules().get();
        out.println();
        Output.labelled(out, 12, "Policy", r.name(), "Created At", Output.date(r.createdAt()));
        PolicyCommands.bullets(out, "Allow:", r.allow());
        PolicyCommands.bullets(out, "Deny:", r.deny());
      }
    }

    private static Map<String, Object> identityJson(IdentityInfo info) {
      return Output.object("identity", info.identity().value(),
          "admin", info.admin() ? Boolean.TRUE : null,
          "policy", info.policy().isEmpty() ? null : info.policy(),
          "created_at", Output.goTime(info.createdAt()),
          "created_by", info.createdBy().isEmpty() ? null : info.createdBy());
    }
  }

  @Command(name = "ls", description = "List identities; a trailing '*' matches any suffix.",
      customSynopsis = "kes identity ls [-k] [--json] [<prefix>]")
  static final class Ls extends ListCommand {
    Ls(Cli cli) {
      super(cli, "Identity", "failed to list identities", "", KesClient::listIdentities);
    }
  }
}
