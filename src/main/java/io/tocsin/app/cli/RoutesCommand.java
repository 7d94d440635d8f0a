package io.tocsin.app.cli;

import io.tocsin.config.ConfigLoader;
import io.tocsin.config.NotifySettings;
import io.tocsin.config.ReceiverSettings;
import io.tocsin.model.Alert;
import io.tocsin.model.AlertLabels;
import io.tocsin.model.AlertStatus;
import io.tocsin.model.Json;
import io.tocsin.model.Severity;
import io.tocsin.notify.group.StormControl;
import io.tocsin.notify.route.RouteTree;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tocsin routes test}: shows which receivers an example alert reaches. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = "Check the notify routing tree.",
    subcommands = {RoutesCommand.Test.class})
public final class RoutesCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code tocsin routes test}. */
  @Command(
      name = "test",
      mixinStandardHelpOptions = true,
      usageHelpAutoWidth = true,
      description = "Print the receivers an example alert reaches under the config's notify.route.",
      footer = {
        "",
        "Examples:",
        "  tocsin routes test -c tocsin.yaml --label severity=high --rule lambda-errors",
        "  tocsin routes test -c tocsin.yaml --tag T1098 --account 123456789012",
        "  tocsin routes test -c tocsin.yaml --alert alert.json --expect oncall,security"
      })
  static final class Test implements Callable<Integer> {
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = {"-c", "--config"},
        required = true,
        paramLabel = "FILE",
        description = "the tocsin YAML config holding notify:")
    Path config;

    @Option(
        names = "--alert",
        paramLabel = "FILE",
        description = "an example alert as JSON (as on tocsin.alerts.v1), instead of the flags")
    Path alertFile;

    @Option(names = "--rule", paramLabel = "ID", description = "rule id (default: example)")
    String rule = "example";

    @Option(names = "--severity", description = "critical|high|medium|low|info (default: high)")
    String severity = "high";

    @Option(names = "--status", description = "firing|resolved (default: firing)")
    String status = "firing";

    @Option(names = "--tag", paramLabel = "TAG", description = "a rule tag; repeatable")
    List<String> tags = new ArrayList<>();

    @Option(names = "--account", description = "AWS account id")
    String account;

    @Option(names = "--region", description = "AWS region")
    String region;

    @Option(names = "--log-group", paramLabel = "NAME", description = "log group name")
    String logGroup;

    @Option(
        names = "--label",
        paramLabel = "NAME=VALUE",
        description =
            "an alert label; severity, rule, status, account, region, log_group set the"
                + " matching field; repeatable")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(
        names = "--expect",
        split = ",",
        paramLabel = "RECEIVER",
        description = "exit 1 unless exactly these receivers are reached (in any order)")
    List<String> expect;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      NotifySettings settings = ConfigLoader.load(config, System.getenv()).delivery();
      RouteTree routes = RouteTree.compile(settings.route(), "notify.route");
      Alert alert = alertFile != null ? readAlert(alertFile) : exampleAlert();
      out.println(
          "alert: "
              + AlertLabels.of(alert).entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" "))
              + (alert.rule().tags().isEmpty()
                  ? ""
                  : " tag=" + String.join(",", alert.rule().tags())));
      List<RouteTree.Match> matches = routes.match(alert);
      if (matches.isEmpty()) {
        out.println("no receiver: this alert is not delivered");
      }
      for (RouteTree.Match m : matches) {
        ReceiverSettings r = settings.receiver(m.receiver());
        out.printf(
            "%-20s %-10s via %-28s group %s%n",
            r.name(), r.sink(), m.route(), StormControl.groupLabels(r, alert));
      }
      if (expect == null) {
        return 0;
      }
      List<String> reached = matches.stream().map(RouteTree.Match::receiver).sorted().toList();
      List<String> expected = expect.stream().map(String::trim).sorted().toList();
      if (reached.equals(expected)) {
        out.println("ok: receivers as expected");
        return 0;
      }
      out.println("FAIL: expected " + expected + ", got " + reached);
      return 1;
    }

    private Alert exampleAlert() {
      Map<String, String> own = new LinkedHashMap<>(labels);
      String sev = valueOr(own.remove("severity"), severity);
      String ruleId = valueOr(own.remove("rule"), rule);
      String state = valueOr(own.remove("status"), status);
      Alert.Resource resource =
          new Alert.Resource(
              valueOr(own.remove("account"), account),
              valueOr(own.remove("region"), region),
              valueOr(own.remove("log_group"), logGroup),
              null,
              null,
              null,
              null);
      Severity parsedSeverity;
      AlertStatus parsedStatus;
      try {
        parsedSeverity = Severity.of(sev);
        parsedStatus = AlertStatus.valueOf(state.toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new UserException(
            "expected severity critical|high|medium|low|info and status firing|resolved, got "
                + sev
                + " and "
                + state);
      }
      Instant now = Instant.now();
      return new Alert(
          Alert.SCHEMA_VERSION,
          "example",
          "example",
          parsedStatus,
          new Alert.AlertRule(
              ruleId, "Example alert", valueOr(own.remove("kind"), "match"), parsedSeverity, tags),
          "Example alert",
          "An example alert for routes test",
          now,
          now,
          parsedStatus == AlertStatus.RESOLVED ? now : null,
          1,
          null,
          resource,
          List.of(),
          List.of(),
          own,
          null);
    }

    private static String valueOr(String value, String fallback) {
      return value != null ? value : fallback;
    }

    private static Alert readAlert(Path file) {
      try {
        Alert alert = Json.MAPPER.readValue(file.toFile(), Alert.class);
        if (alert.rule() == null || alert.status() == null) {
          throw new UserException(file + ": an alert needs at least rule and status");
        }
        return alert;
      } catch (IOException e) {
        throw new UserException("cannot read alert " + file + ": " + e.getMessage());
      }
    }
  }
}
