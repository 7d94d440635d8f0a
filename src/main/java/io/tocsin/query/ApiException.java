package io.tocsin.query;

/**
 * A request the API refuses, with the HTTP status, a stable error code and a message for the user;
 * rendered as {@code {"error": code, "message": message}}.
 */
final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** 400: the query or body is wrong; {@code message} says how. */
  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  /** 404: nothing with that name. */
  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  /** 409: the request contradicts the current state of the resource. */
  static ApiException conflict(String message) {
    return new ApiException(409, "conflict", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
