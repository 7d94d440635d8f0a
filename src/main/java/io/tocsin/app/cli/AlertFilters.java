package io.tocsin.app.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The alert filters of {@code alerts list} and {@code alerts tail}, as API query parameters. */
final class AlertFilters {

  @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "firing, resolved")
  List<String> status = List.of();

  @Option(
      names = "--severity",
      split = ",",
      paramLabel = "SEV",
      description = "critical, high, medium, low, info")
  List<String> severity = List.of();

  @Option(names = "--rule", split = ",", paramLabel = "ID", description = "rule id")
  List<String> rule = List.of();

  @Option(names = "--tag", split = ",", paramLabel = "TAG", description = "rule tag, e.g. T1098")
  List<String> tag = List.of();

  @Option(names = "--account", split = ",", paramLabel = "ID", description = "AWS account id")
  List<String> account = List.of();

  @Option(names = "--principal", split = ",", paramLabel = "ARN", description = "principal ARN")
  List<String> principal = List.of();

  @Option(names = "--log-group", split = ",", paramLabel = "GROUP", description = "log group")
  List<String> logGroup = List.of();

  @Option(
      names = {"-q", "--text"},
      paramLabel = "TEXT",
      description = "text the title contains (any case)")
  String text;

  /** The filters as query parameters (a list value repeats the parameter). */
  Map<String, Object> params() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("status", status);
    params.put("severity", severity);
    params.put("rule", rule);
    params.put("tag", tag);
    params.put("account", account);
    params.put("principal", principal);
    params.put("log_group", logGroup);
    params.put("q", text);
    return params;
  }
}
