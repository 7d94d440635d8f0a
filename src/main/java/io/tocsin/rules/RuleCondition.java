package io.tocsin.rules;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.time.Duration;
import java.util.List;

/**
 * One entry of a cloudtrail rule's {@code conditions:} list, as written; exactly one field is set
 * (the schema enforces it). Conditions reach what a filter pattern cannot: two fields compared,
 * policy documents inside JSON strings, and state across events.
 *
 * @param unless a filter pattern the event must <em>not</em> match, e.g. {@code '{ $.errorCode = *
 *     }'} to leave failed calls out of a pasted CIS pattern
 * @param otherUser a {@code $.selector} naming an IAM user; holds when that user is present and is
 *     not the actor (an IAM user's name, an assumed role's session name)
 * @param policy holds when a policy document in the event has an Allow statement as risky as
 *     described
 * @param firstSeen holds when the actor is new on a scope and busy there; decided by the first-seen
 *     detector, not per event
 * @param foreignAccount holds when a value in the event names an AWS account other than the event's
 *     and not trusted (a snapshot, image or permission shared with someone else)
 * @param after holds when the same actor matched another rule shortly before (a sequence); decided
 *     by the keyed detector, not per event
 * @param distinct holds when one actor's matching events carry many distinct values within a window
 *     (e.g. many APIs); decided by the keyed detector, not per event
 */
public record RuleCondition(
    String unless,
    String otherUser,
    Policy policy,
    FirstSeen firstSeen,
    ForeignAccount foreignAccount,
    After after,
    Distinct distinct) {

  /**
   * A sequence test: the event follows a match of rule {@code rule} by the same actor (the value of
   * {@code same}) at most {@code within} earlier, in event time.
   *
   * @param rule the id of the cloudtrail match rule that must have matched first
   * @param within how much earlier that match may be; default 30m
   * @param same a group-by field or {@code $.selector} naming the actor, or several of which the
   *     first present is read; default {@code principal}
   */
  public record After(
      String rule,
      Duration within,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> same) {

    /** This test with absent fields set to their documented defaults. */
    public After withDefaults() {
      return new After(
          rule,
          within == null ? Duration.ofMinutes(30) : within,
          same == null || same.isEmpty() ? List.of("principal") : List.copyOf(same));
    }
  }

  /**
   * A distinct-count test: one actor (the value of {@code per}) has matching events with at least
   * {@code atLeast} distinct values of {@code value} within {@code window} (event time).
   *
   * @param value a group-by field or {@code $.selector}, or several of which the first present is
   *     read; a list or object value counts as one value (its JSON text)
   * @param per the actor: a group-by field or {@code $.selector}, or several; default {@code
   *     principal}
   * @param atLeast distinct values within the window that fire; at most {@link #MAX_AT_LEAST}
   * @param window the counting window; default 10m
   */
  public record Distinct(
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> value,
      @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> per,
      Integer atLeast,
      Duration window) {

    /** Most distinct values one actor's state may hold, which bounds it. */
    public static final int MAX_AT_LEAST = 1000;

    /** This test with absent fields set to their documented defaults. */
    public Distinct withDefaults() {
      return new Distinct(
          value == null ? List.of() : List.copyOf(value),
          per == null || per.isEmpty() ? List.of("principal") : List.copyOf(per),
          atLeast,
          window == null ? Duration.ofMinutes(10) : window);
    }
  }

  /**
   * A sharing test: holds when a value found at one of the {@code values} selectors (searched
   * through lists and objects) is an account id or an ARN of an account other than the event's and
   * not among the {@code account} entries of the {@code trusted} allow-list. {@code "all"} (public)
   * is not an account: test it in the pattern.
   *
   * @param values selectors such as {@code $.requestParameters.createVolumePermission.add.items}
   * @param trusted the allow-list whose {@code account} entries are not foreign
   */
  public record ForeignAccount(List<String> values, String trusted) {

    /** Normalises an absent list to an empty one. */
    public ForeignAccount {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }

  /**
   * A policy-document test. An Allow statement matches when it passes every test given: {@code
   * actions} and {@code resources} compare the statement's entries with the listed values ignoring
   * case ({@code NotAction} / {@code NotResource} count as matching: they grant all but a few);
   * {@code principals} lists the kinds that count: {@code any} ({@code "*"} not narrowed by a
   * condition on the caller's organisation, account, network or ARN) and {@code foreign} (an AWS
   * account other than the event's and not in the {@code trusted} allow-list).
   *
   * @param document selectors of the document, the first present one is used; it may be an object,
   *     a JSON string or a URL-encoded JSON string
   * @param actions e.g. {@code ["*", "iam:*"]}
   * @param resources e.g. {@code ["*"]}
   * @param principals {@code any} and/or {@code foreign}
   * @param trusted the allow-list whose {@code account} entries are not foreign
   */
  public record Policy(
      List<String> document,
      List<String> actions,
      List<String> resources,
      List<String> principals,
      String trusted) {

    /** Normalises absent lists to empty ones. */
    public Policy {
      document = document == null ? List.of() : List.copyOf(document);
      actions = actions == null ? List.of() : List.copyOf(actions);
      resources = resources == null ? List.of() : List.copyOf(resources);
      principals = principals == null ? List.of() : List.copyOf(principals);
    }
  }

  /**
   * A first-seen test: the {@code subject} (e.g. {@code principal}) counts as new on a {@code
   * scope} (e.g. {@code $.requestParameters.bucketName}) when it was first seen there after the
   * scope's {@code learning} period, and stays new for {@code newFor}; it fires when a new subject
   * has {@code atLeast} matching events within {@code window}.
   *
   * @param subject a group-by field name or a {@code $.selector}
   * @param scope a group-by field name or a {@code $.selector}
   * @param learning how long a scope's subjects are learned before any counts as new; default 7d
   * @param newFor how long a subject stays new after it was first seen on the scope; default 1d
   * @param window the counting window; default 10m
   * @param atLeast events within the window that fire; default 100
   * @param forgetAfter how long a subject (or a whole scope) may go unseen before it is forgotten,
   *     so it counts as new again when it returns; default 90d
   * @param maxSubjects most subjects remembered per scope; a further one replaces the one unseen
   *     longest; default 10000
   */
  public record FirstSeen(
      String subject,
      String scope,
      Duration learning,
      Duration newFor,
      Duration window,
      Integer atLeast,
      Duration forgetAfter,
      Integer maxSubjects) {

    /** This test with absent fields set to their documented defaults. */
    public FirstSeen withDefaults() {
      return new FirstSeen(
          subject,
          scope,
          learning == null ? Duration.ofDays(7) : learning,
          newFor == null ? Duration.ofDays(1) : newFor,
          window == null ? Duration.ofMinutes(10) : window,
          atLeast == null ? 100 : atLeast,
          forgetAfter == null ? Duration.ofDays(90) : forgetAfter,
          maxSubjects == null ? 10_000 : maxSubjects);
    }
  }
}
