package jkeras.serving.http;

/** A request the server answers with a 4xx or 5xx status and a JSON error body naming what was wrong. */
final class HttpError extends RuntimeException {
    final int status;

    HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    static HttpError badRequest(String message) {
        return new HttpError(400, message);
    }
}
