package io.tocsin.pattern.bench;

import io.tocsin.pattern.FilterPattern;
import io.tocsin.pattern.LogInput;
import io.tocsin.pattern.PatternSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Match throughput per event for a term, a JSON and a delimited pattern, alone and as 100 rules in
 * a {@link PatternSet}. Every invocation builds a fresh {@link LogInput}, as the detectors do once
 * per event, so JSON parsing and field splitting are part of the cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PatternMatchBenchmark {
  static final String LAMBDA_LINE =
      "2024-05-01T12:00:03.123Z 3f1c2d4e-5b6a-7c8d-9e0f-a1b2c3d4e5f6 ERROR Task timed out after"
          + " 3.00 seconds while calling https://api.example.com/v1/orders?id=42";
  static final String CLOUDTRAIL_EVENT =
      "{\"eventVersion\":\"1.09\",\"userIdentity\":{\"type\":\"IAMUser\",\"principalId\":"
          + "\"AIDAJ45Q7YFFAREXAMPLE\",\"arn\":\"arn:aws:iam::111122223333:user/alice\","
          + "\"accountId\":\"111122223333\",\"userName\":\"alice\"},\"eventTime\":"
          + "\"2024-05-01T12:25:00Z\",\"eventSource\":\"iam.amazonaws.com\",\"eventName\":"
          + "\"DeletePolicy\",\"awsRegion\":\"us-east-1\",\"sourceIPAddress\":\"198.51.100.23\","
          + "\"userAgent\":\"aws-cli/2.15.30\",\"requestParameters\":{\"policyArn\":"
          + "\"arn:aws:iam::111122223333:policy/old-policy\"},\"responseElements\":null,"
          + "\"readOnly\":false,\"eventType\":\"AwsApiCall\",\"recipientAccountId\":\"111122223333\"}";
  static final String APACHE_LINE =
      "127.0.0.1 Prod frank [10/Oct/2000:13:25:15 -0700] \"GET /index.html HTTP/1.0\" 404 1534";

  private FilterPattern term;
  private FilterPattern json;
  private FilterPattern delimited;
  private PatternSet<FilterPattern> terms100;
  private List<FilterPattern> termList100;
  private PatternSet<FilterPattern> json100;
  private PatternSet<FilterPattern> delimited100;

  @Setup
  public void compile() {
    term = FilterPattern.compile("ERROR \"timed out\" -DEBUG");
    json =
        FilterPattern.compile(
            "{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) ||"
                + " ($.eventName=PutUserPolicy) || ($.eventName=DeletePolicy)}");
    delimited =
        FilterPattern.compile(
            "[ip, user, username, timestamp, request = *.html*, status_code = 4*, bytes > 1000]");
    termList100 = patterns(i -> "?ERR" + i + " ?\"timed out " + i + "\" ?Exception" + i);
    terms100 = PatternSet.of(termList100);
    json100 =
        PatternSet.of(
            patterns(i -> "{ $.eventName = Action" + i + " && $.userIdentity.type = IAMUser }"));
    delimited100 =
        PatternSet.of(patterns(i -> "[ip, ..., status_code = " + (300 + i) + ", bytes > 1000]"));
  }

  private static List<FilterPattern> patterns(IntFunction<String> text) {
    List<FilterPattern> patterns = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      patterns.add(FilterPattern.compile(text.apply(i)));
    }
    return patterns;
  }

  @Benchmark
  public boolean termPattern() {
    return term.matches(LogInput.ofMessage(LAMBDA_LINE));
  }

  @Benchmark
  public boolean jsonPattern() {
    return json.matches(LogInput.ofMessage(CLOUDTRAIL_EVENT));
  }

  @Benchmark
  public boolean delimitedPattern() {
    return delimited.matches(LogInput.ofMessage(APACHE_LINE));
  }

  @Benchmark
  public BitSet termPatterns100Set() {
    return terms100.matchingIndexes(LogInput.ofMessage(LAMBDA_LINE));
  }

  /** Baseline for the set: the same 100 term rules evaluated one by one. */
  @Benchmark
  public int termPatterns100OneByOne() {
    LogInput input = LogInput.ofMessage(LAMBDA_LINE);
    int matched = 0;
    for (FilterPattern pattern : termList100) {
      matched += pattern.matches(input) ? 1 : 0;
    }
    return matched;
  }

  @Benchmark
  public BitSet jsonPatterns100Set() {
    return json100.matchingIndexes(LogInput.ofMessage(CLOUDTRAIL_EVENT));
  }

  @Benchmark
  public BitSet delimitedPatterns100Set() {
    return delimited100.matchingIndexes(LogInput.ofMessage(APACHE_LINE));
  }
}
