package io.tocsin.app.cli;

import io.tocsin.app.replay.NoiseForecast;
import io.tocsin.app.replay.Replay;
import io.tocsin.app.replay.ReplayFormat;
import io.tocsin.app.replay.ReplayProgress;
import io.tocsin.app.replay.ReplaySinks;
import io.tocsin.app.replay.ReplaySummary;
import io.tocsin.app.replay.ReplayUntil;
import io.tocsin.app.replay.SilenceFile;
import io.tocsin.config.ConfigException;
import io.tocsin.config.ConfigLoader;
import io.tocsin.config.TocsinConfig;
import io.tocsin.detect.DetectionTopology;
import io.tocsin.model.LabelMatcher;
import io.tocsin.model.Silence;
import io.tocsin.rules.RuleLoader;
import io.tocsin.rules.RuleSet;
import io.tocsin.rules.SourceNetworks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tocsin replay}: run files through the decoders and the detectors, offline. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    description = {
      "Replay files through tocsin's decoders and detectors without Kafka or Kinesis.",
      "Reads .json, .jsonl and .gz files and directories: CloudTrail Records files, CloudWatch",
      "Logs subscription payloads (decoded or gzip+base64), EventBridge events, raw events, or",
      "plain log lines. Prints alerts as JSON lines (the tocsin.alerts.v1 schema) on stdout",
      "and a summary on stderr: records, events, dead letters, alerts and late events per rule.",
      "",
      "Event time comes from the data, per format:",
      "  cwl          each log event's timestamp in the subscription payload (epoch ms)",
      "  cloudtrail   the event's eventTime (Records files and raw events)",
      "  eventbridge  detail.eventTime, else the envelope's time",
      "  lines        an ISO-8601 timestamp opening the line, else the time of the replay",
      "The clock follows the newest event time read; after the last record it runs on to",
      "--until, so final periods are evaluated and alarms resolve once traffic stops.",
      "",
      "--forecast prints, instead of alerts, per rule the alerts and pages per day the files",
      "would have raised: after incident folding and grouping, routed by --config's notify.route",
      "through each receiver's grouping and per-minute cap (a page: a firing notification of a",
      "PagerDuty receiver; without --config, critical and high alerts page). Sorted by pages per",
      "day; progress on stderr every 5 s. Silences given by --silence or --silences hold back,",
      "as they do live, the notifications of each alert they match at its event time: the alert",
      "still counts, its pages are counted as silenced instead of sent.",
      "",
      "source_network, the network of a CloudTrail source address, is its AS number when",
      "--asn-table (or with --forecast, --config's rules.asn_table) names an ip2asn table, else",
      "its /24 or /48, as in tocsin run."
    },
    footer = {
      "",
      "Examples:",
      "  tocsin replay cloudtrail/2026/11/26/                    CloudTrail S3 files",
      "  tocsin replay --format lines --log-group /aws/lambda/f app.log",
      "  tocsin replay --matches --pointer /event labelled.jsonl  score rules per event",
      "  tocsin replay --until end+15m lambda-logs/             15 min past the last event",
      "  tocsin replay --forecast -c tocsin.yaml --rules new-pack/ cloudtrail/2026/11/",
      "  tocsin silences list --expired --json > silences.json",
      "  tocsin replay --forecast --silences silences.json \\",
      "      --silence 'rule=cis-console-auth-failure,account=123456789012' cloudtrail/",
      "  tocsin replay --asn-table ip2asn-combined.tsv --rules new-pack/ cloudtrail/",
      "",
      "Exit status: 0 on success, 2 for bad arguments, unreadable files or invalid rules."
    })
public final class ReplayCommand implements Callable<Integer> {

  /** A comma that begins another matcher ({@code ,name=…}); other commas belong to a value. */
  private static final Pattern MATCHER_START =
      Pattern.compile(",(?=\\s*[A-Za-z_][A-Za-z0-9_]*\\s*(=|!=|=~|!~))");

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "files or directories")
  List<Path> files;

  @Option(
      names = "--rules",
      paramLabel = "DIR",
      description = "rule directories or files added to the default pack (repeatable)")
  List<Path> rules = List.of();

  @Option(names = "--no-defaults", description = "leave out the default rule pack")
  boolean noDefaults;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description = "auto, cwl, cloudtrail, eventbridge or lines (default: ${DEFAULT-VALUE})")
  String format;

  @Option(
      names = "--log-group",
      paramLabel = "NAME",
      defaultValue = "replay",
      description = "log group of plain lines with --format lines (default: ${DEFAULT-VALUE})")
  String logGroup;

  @Option(
      names = "--pointer",
      paramLabel = "JSON-POINTER",
      description = "take this part of each JSON record, e.g. /event for wrapped test data")
  String pointer;

  @Option(
      names = "--matches",
      description =
          "print {\"id\", \"rules\"} per input event instead of alerts (no suppression and no"
              + " eventID de-duplication: every input event is scored)")
  boolean matches;

  @Option(
      names = "--until",
      paramLabel = "TIME|end+PERIOD",
      description =
          "run the clock to TIME (e.g. 2026-11-26T10:15:00Z) or PERIOD past the last event (e.g."
              + " end+10m; end: stop at it); default: end plus the longest time a rate or"
              + " threshold rule needs to settle")
  String until;

  @Option(
      names = "--forecast",
      description = "print alerts and pages per day per rule, after routes and storm caps")
  boolean forecast;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description =
          "with --forecast: the tocsin YAML config whose notify: routes and receivers apply")
  Path config;

  @Option(
      names = "--silence",
      paramLabel = "MATCHERS",
      description =
          "with --forecast: a silence in force over the whole replay, its matchers as in tocsin"
              + " silences create -m, comma-separated, all must match (e.g."
              + " 'rule=x,account=123456789012'); repeat for more silences")
  List<String> silence = List.of();

  @Option(
      names = "--silences",
      paramLabel = "FILE",
      description =
          "with --forecast: silences as tocsin silences list --json prints them, each applied"
              + " between its startsAt and endsAt on event time")
  Path silencesFile;

  @Option(
      names = "--asn-table",
      paramLabel = "FILE",
      description =
          "ip2asn TSV table naming source_network by AS number (default with --forecast:"
              + " --config's rules.asn_table; without one: the address's /24 or /48)")
  Path asnTable;

  @Override
  public Integer call() throws IOException {
    if (forecast && matches) {
      throw new UserException("--forecast and --matches: choose one output");
    }
    if (config != null && !forecast) {
      throw new UserException("--config: only used with --forecast");
    }
    if ((!silence.isEmpty() || silencesFile != null) && !forecast) {
      throw new UserException("--silence and --silences: only used with --forecast");
    }
    ReplayFormat chosen;
    try {
      chosen = ReplayFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new UserException(
          "--format: expected auto, cwl, cloudtrail, eventbridge or lines, got '" + format + "'");
    }
    if (pointer != null && !pointer.startsWith("/")) {
      throw new UserException(
          "--pointer: expected a JSON pointer such as /event, got '" + pointer + "'");
    }
    PrintWriter err = spec.commandLine().getErr();
    TocsinConfig settings = config == null ? null : ConfigLoader.load(config, System.getenv());
    RuleSet ruleSet = withNetworks(RuleLoader.load(rules, !noDefaults), settings, err);
    ReplayUntil runTo;
    try {
      runTo =
          until == null
              ? ReplayUntil.afterEnd(DetectionTopology.settlingTime(ruleSet))
              : ReplayUntil.parse(until);
    } catch (IllegalArgumentException e) {
      throw new UserException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    Replay replay = new Replay(chosen, logGroup, pointer, !matches);
    ReplaySummary summary;
    try {
      if (forecast) {
        List<Silence> silences = silences();
        NoiseForecast noise =
            settings == null
                ? NoiseForecast.bySeverity(silences)
                : NoiseForecast.of(settings.delivery(), silences);
        summary =
            replay.run(
                files,
                ReplaySinks.forecast(ruleSet, noise, out, runTo),
                new ReplayProgress(err, Duration.ofSeconds(5), System::nanoTime));
      } else {
        summary =
            replay.run(
                files,
                matches
                    ? ReplaySinks.matches(ruleSet, out)
                    : ReplaySinks.alerts(ruleSet, out, runTo));
      }
    } catch (IOException e) {
      throw new UserException(e.getMessage());
    }
    out.flush();
    err.println(summary);
    return 0;
  }

  /**
   * {@code rules} naming source networks by the AS table of {@code --asn-table}, else of {@code
   * settings}' {@code rules.asn_table}, else by prefix.
   */
  private RuleSet withNetworks(RuleSet rules, TocsinConfig settings, PrintWriter err) {
    String configured = settings == null ? null : settings.rules().asnTable();
    Path table = asnTable != null ? asnTable : configured != null ? Path.of(configured) : null;
    if (table == null) {
      return rules;
    }
    try {
      return rules.withNetworks(SourceNetworks.load(table, err::println));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw asnTable != null
          ? new UserException("--asn-table: " + e.getMessage())
          : new ConfigException(config.toString(), "rules.asn_table", e.getMessage());
    }
  }

  /** The silences of {@code --silence}, over all time, then those of {@code --silences}. */
  private List<Silence> silences() {
    List<Silence> all = new ArrayList<>();
    for (int i = 0; i < silence.size(); i++) {
      List<LabelMatcher> matchers = new ArrayList<>();
      for (String text : MATCHER_START.split(silence.get(i))) {
        try {
          matchers.add(LabelMatcher.parse(text.strip()));
        } catch (IllegalArgumentException e) {
          throw new UserException("--silence '" + silence.get(i) + "': " + e.getMessage());
        }
      }
      all.add(
          new Silence(
              "--silence " + (i + 1),
              matchers,
              Instant.MIN,
              Instant.MAX,
              "tocsin replay",
              silence.get(i)));
    }
    if (silencesFile != null) {
      try {
        all.addAll(SilenceFile.read(silencesFile));
      } catch (IllegalArgumentException e) {
        throw new UserException("--silences " + e.getMessage());
      }
    }
    return all;
  }
}
