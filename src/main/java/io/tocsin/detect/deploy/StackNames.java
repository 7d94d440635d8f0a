package io.tocsin.detect.deploy;

/** Short names from CloudFormation, ECS and change-set ARNs ({@code .../name/uuid}). */
final class StackNames {

  private StackNames() {}

  /**
   * The name in {@code nameOrArn}: a plain name unchanged; for an ARN the path segment after the
   * resource type ({@code stack/orders/uuid} → {@code orders}, {@code task-definition/web:3} →
   * {@code web:3}, {@code service/cluster/web} → {@code web}).
   */
  static String of(String nameOrArn) {
    if (nameOrArn == null || !nameOrArn.startsWith("arn:")) {
      return nameOrArn == null ? "" : nameOrArn;
    }
    String[] fields = nameOrArn.split(":", 6);
    String resource = fields[fields.length - 1];
    String[] parts = resource.split("/");
    if (parts.length < 2) {
      return resource;
    }
    return switch (parts[0]) {
      case "stack", "changeSet" -> parts[1];
      default -> parts[parts.length - 1];
    };
  }
}
