package jkeras.serving.http;

import java.time.Duration;

/** Where and how a {@link ModelServer} listens. Loopback by default: exposing it is a choice. */
public final class ServerOptions {
    private String host = "127.0.0.1";
    private int port = 8501;
    private long maxBodyBytes = 16L << 20;
    private int threads = 128;
    private Duration shutdownGrace = Duration.ofSeconds(10);

    /** The address to listen on (default 127.0.0.1; "0.0.0.0" for every interface). */
    public ServerOptions host(String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host: expected an address such as 127.0.0.1; received " + host);
        }
        this.host = host;
        return this;
    }

    /** The port (default 8501, as TensorFlow Serving's REST port; 0 picks a free one). */
    public ServerOptions port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: expected 0 to 65535; received " + port);
        }
        this.port = port;
        return this;
    }

    /** Largest request body accepted (default 16 MiB); a larger one is answered 413. */
    public ServerOptions maxBodyBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes: expected at least 1; received " + bytes);
        }
        this.maxBodyBytes = bytes;
        return this;
    }

    /** Threads handling requests (default 128): each waits for its batch, so about as many as concurrent clients. */
    public ServerOptions threads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: expected at least 1; received " + threads);
        }
        this.threads = threads;
        return this;
    }

    /** How long a stop lets requests in progress finish (default 10 s). */
    public ServerOptions shutdownGrace(Duration grace) {
        if (grace == null || grace.isNegative()) {
            throw new IllegalArgumentException("shutdownGrace: expected a duration of 0 or more; received " + grace);
        }
        this.shutdownGrace = grace;
        return this;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public long maxBodyBytes() {
        return maxBodyBytes;
    }

    public int threads() {
        return threads;
    }

    public Duration shutdownGrace() {
        return shutdownGrace;
    }
}
