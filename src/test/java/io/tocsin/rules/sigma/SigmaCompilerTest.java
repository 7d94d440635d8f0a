package io.tocsin.rules.sigma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tocsin.rules.EventTest;
import org.junit.jupiter.api.Test;

/** The Sigma language as tocsin compiles it: modifiers, values, conditions and refusals. */
class SigmaCompilerTest {

  private static final YAMLMapper YAML = new YAMLMapper();
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD =
      "title: t\nid: 00000000-0000-0000-0000-000000000000\nlogsource: {product: aws, service: cloudtrail}\nlevel: high\n";

  private static EventTest detection(String detection) throws Exception {
    return SigmaCompiler.compile("t", YAML.readTree(HEAD + "detection:\n" + detection)).test();
  }

  private static JsonNode event(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void shouldCompareValuesWithoutCaseUnlessCased() throws Exception {
    EventTest plain = detection("  s: {userAgent: 'TruffleHog'}\n  condition: s\n");
    EventTest cased = detection("  s: {userAgent|cased: 'TruffleHog'}\n  condition: s\n");
    assertThat(plain.test(event("{\"userAgent\":\"truffleHOG\"}"))).isTrue();
    assertThat(cased.test(event("{\"userAgent\":\"truffleHOG\"}"))).isFalse();
    assertThat(cased.test(event("{\"userAgent\":\"TruffleHog\"}"))).isTrue();
  }

  @Test
  void shouldTreatWildcardsAndTheirEscapes() throws Exception {
    EventTest glob = detection("  s: {eventName: 'list*'}\n  condition: s\n");
    EventTest escaped = detection("  s: {eventName: 'a\\*b?'}\n  condition: s\n");
    assertThat(glob.test(event("{\"eventName\":\"ListUsers\"}"))).isTrue();
    assertThat(glob.test(event("{\"eventName\":\"GetList\"}"))).isFalse();
    assertThat(escaped.test(event("{\"eventName\":\"a*bc\"}"))).isTrue();
    assertThat(escaped.test(event("{\"eventName\":\"axbc\"}"))).isFalse();
  }

  @Test
  void shouldMatchNullAsAbsentOrNullAndExistsAsPresent() throws Exception {
    EventTest isNull = detection("  s: {errorCode: null}\n  condition: s\n");
    EventTest exists = detection("  s: {errorCode|exists: true}\n  condition: s\n");
    assertThat(isNull.test(event("{}"))).isTrue();
    assertThat(isNull.test(event("{\"errorCode\":null}"))).isTrue();
    assertThat(isNull.test(event("{\"errorCode\":\"AccessDenied\"}"))).isFalse();
    assertThat(exists.test(event("{\"errorCode\":\"AccessDenied\"}"))).isTrue();
    assertThat(exists.test(event("{\"errorCode\":null}"))).isFalse();
  }

  @Test
  void shouldRequireEveryValueWithAllAndAnyValueWithout() throws Exception {
    EventTest all =
        detection("  s: {requestParameters|contains|all: ['Allow', 's3:*']}\n  condition: s\n");
    EventTest any =
        detection("  s: {requestParameters|contains: ['Allow', 's3:*']}\n  condition: s\n");
    JsonNode allow =
        event("{\"requestParameters\":{\"policy\":\"{\\\"Effect\\\":\\\"Allow\\\"}\"}}");
    assertThat(all.test(allow)).isFalse();
    assertThat(any.test(allow)).isTrue();
  }

  @Test
  void shouldReadNestedJsonStringsUnescapedAndArraysElementWise() throws Exception {
    EventTest quoted =
        detection("  s: {requestParameters|contains: '\"Effect\":\"Allow\"'}\n  condition: s\n");
    EventTest layers =
        detection(
            "  s: {requestParameters.layers|startswith: 'arn:aws:lambda:us-east-1:4444'}\n  condition: s\n");
    assertThat(
            quoted.test(
                event("{\"requestParameters\":{\"p\":\"{\\\"Effect\\\":\\\"Allow\\\"}\"}}")))
        .isTrue();
    assertThat(
            layers.test(
                event(
                    "{\"requestParameters\":{\"layers\":[\"arn:aws:lambda:us-east-1:1111:layer:a\",\"arn:aws:lambda:us-east-1:4444:layer:b\"]}}")))
        .isTrue();
    assertThat(
            layers.test(
                event(
                    "{\"requestParameters\":{\"layers\":[\"arn:aws:lambda:us-east-1:1111:layer:a\"]}}")))
        .isFalse();
  }

  @Test
  void shouldCompareFieldsNetworksNumbersAndRegularExpressions() throws Exception {
    EventTest ref =
        detection(
            "  s: {userIdentity.userName|fieldref: requestParameters.userName}\n  condition: s\n");
    EventTest cidr = detection("  s: {sourceIPAddress|cidr: 10.0.0.0/8}\n  condition: s\n");
    EventTest gt =
        detection("  s: {requestParameters.durationSeconds|gt: 43200}\n  condition: s\n");
    EventTest re =
        detection("  s: {userIdentity.arn|re|i: ':ASSUMED-ROLE/aws:'}\n  condition: s\n");
    assertThat(
            ref.test(
                event(
                    "{\"userIdentity\":{\"userName\":\"Bob\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
        .isTrue();
    assertThat(
            ref.test(
                event(
                    "{\"userIdentity\":{\"userName\":\"alice\"},\"requestParameters\":{\"userName\":\"bob\"}}")))
        .isFalse();
    assertThat(cidr.test(event("{\"sourceIPAddress\":\"10.1.2.3\"}"))).isTrue();
    assertThat(cidr.test(event("{\"sourceIPAddress\":\"ec2.amazonaws.com\"}"))).isFalse();
    assertThat(gt.test(event("{\"requestParameters\":{\"durationSeconds\":129600}}"))).isTrue();
    assertThat(gt.test(event("{\"requestParameters\":{\"durationSeconds\":3600}}"))).isFalse();
    assertThat(
            re.test(
                event(
                    "{\"userIdentity\":{\"arn\":\"arn:aws:sts::1:assumed-role/aws:ec2-instance/i-1\"}}")))
        .isTrue();
  }

  @Test
  void shouldEncodeBase64AtEveryOffsetAndWindowsDashes() throws Exception {
    EventTest offset =
        detection(
            "  s: {requestParameters.userData|base64offset|contains: 'curl http'}\n  condition: s\n");
    EventTest dash = detection("  s: {commandLine|windash|contains: ' -enc '}\n  condition: s\n");
    for (String prefix : new String[] {"", "#", "#!"}) {
      String userData =
          java.util.Base64.getEncoder().encodeToString((prefix + "curl http://x").getBytes());
      assertThat(offset.test(event("{\"requestParameters\":{\"userData\":\"" + userData + "\"}}")))
          .as(prefix)
          .isTrue();
    }
    assertThat(dash.test(event("{\"commandLine\":\"powershell /enc AAA\"}"))).isTrue();
    assertThat(dash.test(event("{\"commandLine\":\"powershell enc AAA\"}"))).isFalse();
  }

  @Test
  void shouldBindNotTighterThanAndTighterThanOr() throws Exception {
    String searches = "  a: {x: 1}\n  b: {y: 1}\n  c: {z: 1}\n";
    EventTest test = detection(searches + "  condition: not a and b or c\n");
    EventTest grouped = detection(searches + "  condition: not (a and b) and c\n");
    assertThat(test.test(event("{\"x\":1,\"y\":1,\"z\":1}"))).isTrue();
    assertThat(test.test(event("{\"x\":1,\"y\":1}"))).isFalse();
    assertThat(test.test(event("{\"y\":1}"))).isTrue();
    assertThat(grouped.test(event("{\"x\":1,\"y\":1,\"z\":1}"))).isFalse();
    assertThat(grouped.test(event("{\"x\":1,\"z\":1}"))).isTrue();
  }

  @Test
  void shouldQuantifyOverNamedSearchesAndThem() throws Exception {
    String searches = "  sel_a: {x: 1}\n  sel_b: {y: 1}\n  _hidden: {z: 1}\n";
    EventTest one = detection(searches + "  condition: 1 of sel_*\n");
    EventTest all = detection(searches + "  condition: all of them\n");
    assertThat(one.test(event("{\"y\":1}"))).isTrue();
    assertThat(one.test(event("{\"z\":1}"))).isFalse();
    assertThat(all.test(event("{\"x\":1,\"y\":1}"))).isTrue();
    assertThat(all.test(event("{\"x\":1}"))).isFalse();
  }

  @Test
  void shouldRefuseWhatItCannotRunNamingTheFeature() {
    assertRefused("  s: {x|utf16le: a}\n  condition: s\n", "modifier utf16le");
    assertRefused("  s: {x|expand: '%a%'}\n  condition: s\n", "modifier expand");
    assertRefused("  s: {x|nosuch: a}\n  condition: s\n", "modifier nosuch");
    assertRefused("  s: {x: a}\n  condition: s and t\n", "undefined search 't'");
    assertRefused(
        "  s: {x: a}\n  timeframe: 5m\n  condition: s | count(x) > 3\n", "distinct values");
    assertRefused("  s: {x: a}\n  condition: s | count() > 3\n", "without a timeframe");
    assertThatThrownBy(
            () ->
                SigmaCompiler.compile(
                    "t",
                    YAML.readTree(
                        "title: t\nlogsource: {product: windows, service: security}\n"
                            + "detection: {s: {x: a}, condition: s}\nlevel: high\n")))
        .isInstanceOf(SigmaUnsupportedException.class)
        .hasMessageContaining("product 'windows'");
  }

  private static void assertRefused(String detection, String feature) {
    assertThatThrownBy(() -> detection(detection))
        .isInstanceOf(SigmaUnsupportedException.class)
        .hasMessageContaining(feature);
  }
}
