package io.tocsin.query;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.tocsin.config.Durations;
import io.tocsin.rules.CompiledRule;
import io.tocsin.rules.Rule;
import io.tocsin.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/rules}: the detection rules this instance loaded, as analysts read them; {@code
 * GET /api/rules/errors}: the errors of its rule files that did not stop the load (Sigma rules
 * refused for a feature tocsin lacks), each placed at file, line and column.
 */
final class RuleRoutes {

  private final RuleSet rules;

  RuleRoutes(RuleSet rules) {
    this.rules = rules;
  }

  void register(Javalin app) {
    app.get("/api/rules", this::list);
    app.get("/api/rules/errors", this::errors);
  }

  private void errors(Context ctx) {
    new QueryParams(ctx.queryParamMap(), Set.of());
    ctx.json(Map.of("errors", rules.refused()));
  }

  private void list(Context ctx) {
    new QueryParams(ctx.queryParamMap(), Set.of());
    ctx.json(Map.of("rules", rules.all().stream().map(RuleView::of).toList()));
  }

  /**
   * One loaded rule.
   *
   * @param file where it was loaded from ({@code classpath:…} for the default pack)
   * @param suppression the suppression window in the short form, e.g. {@code 5m}
   */
  record RuleView(
      String id,
      String title,
      String description,
      String source,
      String kind,
      String pattern,
      List<String> logGroups,
      List<String> groupBy,
      String severity,
      List<String> tags,
      String runbook,
      String suppression,
      Map<String, String> labels,
      String file) {

    static RuleView of(CompiledRule compiled) {
      Rule r = compiled.rule();
      return new RuleView(
          r.id(),
          r.title(),
          r.description(),
          r.source().label(),
          r.kind().label(),
          r.pattern(),
          r.logGroups(),
          compiled.groupKey().names(),
          r.severity().label(),
          r.tags(),
          r.runbook(),
          r.suppression() == null ? null : Durations.format(r.suppression()),
          r.labels(),
          compiled.file());
    }
  }
}
