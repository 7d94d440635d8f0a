package io.tocsin.app.ops;

/**
 * One condition for {@code /health/ready} (or {@code /health/live}): a named part of the pipeline
 * that is up or not.
 */
public interface ReadinessCheck {

  /** A short stable name, e.g. {@code detect-streams}. */
  String name();

  /** The current state; never throws. */
  Result check();

  /** Whether a part is ready, with a word on why for operators. */
  record Result(boolean ready, String detail) {

    /** A ready result. */
    public static Result up(String detail) {
      return new Result(true, detail);
    }

    /** A not-ready result. */
    public static Result down(String detail) {
      return new Result(false, detail);
    }
  }
}
