package io.tocsin.notify;

import io.tocsin.model.Alert;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The links a notification carries: the alert's own (runbook…) plus an AWS console link. */
public final class AlertLinks {

  private AlertLinks() {}

  /** The alert's links, then the console page of its log group or event source when known. */
  public static List<Alert.Link> of(Alert alert) {
    List<Alert.Link> links = new ArrayList<>(alert.links());
    Alert.Resource r = alert.resource();
    if (r == null || blank(r.region())) {
      return links;
    }
    String console = "https://" + r.region() + ".console.aws.amazon.com/";
    if (!blank(r.logGroup())) {
      // The CloudWatch console double-encodes the log group name, with '$' in place of '%'.
      String once = URLEncoder.encode(r.logGroup(), StandardCharsets.UTF_8).replace("+", "%20");
      String twice = once.replace("%", "$25");
      links.add(
          new Alert.Link(
              "CloudWatch Logs: " + r.logGroup(),
              console
                  + "cloudwatch/home?region="
                  + r.region()
                  + "#logsV2:log-groups/log-group/"
                  + twice));
    } else if (!blank(r.eventSource())) {
      links.add(
          new Alert.Link(
              "CloudTrail: " + r.eventSource(),
              console
                  + "cloudtrailv2/home?region="
                  + r.region()
                  + "#/events?EventSource="
                  + URLEncoder.encode(r.eventSource(), StandardCharsets.UTF_8)));
    }
    return links;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
