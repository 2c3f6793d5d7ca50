package dev.shiplog.cli.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An open Server-Sent Events stream, read by a daemon thread of its own, so that the caller waits for each event
 * with a deadline ({@link #next(Duration)}) and never blocks past it on a silent connection.
 */
public final class EventStream implements AutoCloseable {

    /** What the stream gave: an event's data, its end, or a broken connection. */
    public sealed interface Item permits Data, End, Broken {
    }

    public record Data(String data) implements Item {
    }

    public record End() implements Item {
    }

    public record Broken(IOException cause) implements Item {
    }

    private final InputStream body;
    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();

    private EventStream(InputStream body) {
        this.body = body;
    }

    static EventStream start(InputStream body) {
        EventStream stream = new EventStream(body);
        Thread reader = new Thread(stream::read, "shiplog-event-stream");
        reader.setDaemon(true);
        reader.start();
        return stream;
    }

    /** The next item, or null if none came within {@code timeout}. */
    public Item next(Duration timeout) throws InterruptedException {
        return items.poll(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    }

    private void read() {
        SseParser parser = new SseParser();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                parser.accept(line).ifPresent(data -> items.add(new Data(data)));
            }
            items.add(new End());
        } catch (IOException e) {
            items.add(new Broken(e));
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            // closing a stream we stop reading: nothing to do
        }
    }
}
