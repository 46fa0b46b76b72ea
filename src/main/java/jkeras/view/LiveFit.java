package jkeras.view;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One fit as the metrics page shows it: the epochs so far, the running values of the epoch in
 * progress, the status, and the browsers watching. Training events arrive on the Python thread and
 * only append to memory and to the watchers' queues here, under a lock no network write ever
 * holds; the server's own threads write to the browsers.
 */
final class LiveFit {
    /** What the page says about the fit. */
    enum Status {
        WAITING, TRAINING, FINISHED;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Gson GSON = new Gson();

    private final int id;
    private final String title;
    private final URI url;
    private final Instant created = Instant.now();
    private final Object lock = new Object();
    private Status status = Status.WAITING;
    private final List<JsonObject> epochs = new ArrayList<>();
    private JsonObject progress;
    private Integer plannedEpochs;
    private int batchInterval;
    private long sequence;
    private final List<EventStream> streams = new ArrayList<>();

    LiveFit(int id, String title, URI url, int batchInterval) {
        this.id = id;
        this.title = title;
        this.url = url;
        this.batchInterval = batchInterval;
    }

    int id() {
        return id;
    }

    String title() {
        return title;
    }

    URI url() {
        return url;
    }

    Status status() {
        synchronized (lock) {
            return status;
        }
    }

    /** Whether any epoch, batch or start was recorded: a page that did is not reused for another fit. */
    boolean used() {
        synchronized (lock) {
            return status != Status.WAITING || !epochs.isEmpty();
        }
    }

    int epochCount() {
        synchronized (lock) {
            return epochs.size();
        }
    }

    /** The epoch count fit was asked for (its {@code epochs} argument), shown as "epoch 3 of 10". */
    void plan(int lastEpoch) {
        synchronized (lock) {
            plannedEpochs = lastEpoch;
            publish("plan", planJson());
        }
    }

    void trainBegin() {
        synchronized (lock) {
            status = Status.TRAINING;
            publish("status", statusJson());
        }
    }

    void epochEnd(int epoch, Map<String, Double> logs) {
        JsonObject entry = new JsonObject();
        entry.addProperty("epoch", epoch);
        entry.add("logs", logsJson(logs));
        synchronized (lock) {
            epochs.add(entry);
            progress = null;
            publish("epoch", entry);
        }
    }

    void batchEnd(int epoch, int batch, Map<String, Double> logs) {
        JsonObject entry = new JsonObject();
        entry.addProperty("epoch", epoch);
        entry.addProperty("batch", batch);
        entry.add("logs", logsJson(logs));
        synchronized (lock) {
            progress = entry;
            publish("batch", entry);
        }
    }

    void trainEnd() {
        synchronized (lock) {
            if (status == Status.FINISHED) {
                return;
            }
            status = Status.FINISHED;
            progress = null;
            publish("status", statusJson());
            streams.forEach(EventStream::finish);
        }
    }

    /** A finished history, shown at once ({@code history.view()}). */
    void showFinished(List<Integer> epochNumbers, Map<String, List<Double>> metrics) {
        synchronized (lock) {
            for (int row = 0; row < epochNumbers.size(); row++) {
                Map<String, Double> logs = new TreeMap<>();
                for (Map.Entry<String, List<Double>> metric : metrics.entrySet()) {
                    if (row < metric.getValue().size()) {
                        logs.put(metric.getKey(), metric.getValue().get(row));
                    }
                }
                JsonObject entry = new JsonObject();
                entry.addProperty("epoch", epochNumbers.get(row));
                entry.add("logs", logsJson(logs));
                epochs.add(entry);
            }
            plannedEpochs = epochNumbers.isEmpty() ? 0 : epochNumbers.get(epochNumbers.size() - 1) + 1;
        }
        trainEnd();
    }

    /** Everything so far, as the page's first event and {@code history.json}. */
    JsonObject snapshot() {
        synchronized (lock) {
            JsonObject all = summaryJson();
            JsonArray list = new JsonArray();
            epochs.forEach(list::add);
            all.add("epochs", list);
            all.add("progress", progress);
            return all;
        }
    }

    /** One line of {@code fits.json}. */
    JsonObject summaryJson() {
        synchronized (lock) {
            JsonObject s = new JsonObject();
            s.addProperty("id", id);
            s.addProperty("title", title);
            s.addProperty("url", url.getPath());
            s.addProperty("created", created.toString());
            s.addProperty("status", status.json());
            s.addProperty("epochCount", epochs.size());
            s.addProperty("plannedEpochs", plannedEpochs);
            s.addProperty("batchInterval", batchInterval);
            return s;
        }
    }

    /**
     * A new watcher: its queue starts with the snapshot, taken under the same lock as every
     * publish, so a browser that (re)connects gets the history so far and then each event once.
     */
    EventStream subscribe(int capacity) {
        synchronized (lock) {
            EventStream stream = new EventStream(capacity);
            stream.offer(format(++sequence, "snapshot", snapshot()));
            if (status == Status.FINISHED) {
                stream.finish();
            } else {
                streams.add(stream);
            }
            return stream;
        }
    }

    void unsubscribe(EventStream stream) {
        synchronized (lock) {
            streams.remove(stream);
        }
    }

    int watchers() {
        synchronized (lock) {
            return streams.size();
        }
    }

    /** Under {@link #lock}: formats once, queues for each watcher; one that cannot keep up is dropped and reconnects. */
    private void publish(String event, JsonObject data) {
        String text = format(++sequence, event, data);
        streams.removeIf(stream -> !stream.offer(text));
    }

    private static String format(long id, String event, JsonObject data) {
        // Gson writes one line and escapes newlines in strings: a name cannot end the event early.
        return "id: " + id + "\nevent: " + event + "\ndata: " + GSON.toJson(data) + "\n\n";
    }

    private JsonObject statusJson() {
        JsonObject s = new JsonObject();
        s.addProperty("status", status.json());
        return s;
    }

    private JsonObject planJson() {
        JsonObject s = new JsonObject();
        s.addProperty("plannedEpochs", plannedEpochs);
        return s;
    }

    /** Keras' logs with NaN and infinities as strings: JSON has no number for them. */
    private static JsonObject logsJson(Map<String, Double> logs) {
        JsonObject out = new JsonObject();
        new TreeMap<>(logs).forEach((name, value) -> {
            if (value == null) {
                out.add(name, null);
            } else if (Double.isFinite(value)) {
                out.addProperty(name, value);
            } else {
                out.addProperty(name, value.toString());
            }
        });
        return out;
    }
}
