package dev.shiplog.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.shiplog.testing.TestAuth;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A source archive of 100 MiB, the documented limit, is accepted by the gateway running with a 256 MiB heap (it is
 * streamed to the store, never held in memory); one byte more is a 413 problem naming the body, whether the length
 * was declared or the body came in chunks.
 */
class UploadIT {

    static final long LIMIT = 100L * 1024 * 1024;

    @Test
    void anArchiveOfTheLimitIsStoredAndOneByteMoreIsRefused() throws Exception {
        HttpResponse<String> stored = upload(LIMIT, true);
        assertEquals(201, stored.statusCode(), stored.body());
        HttpResponse<String> declared = upload(LIMIT + 1, true);
        assertEquals(413, declared.statusCode(), declared.body());
        assertTrue(declared.body().contains("\"field\":\"body\""), declared.body());
        HttpResponse<String> streamed = upload(LIMIT + 1, false); // chunked: counted as it arrives
        assertEquals(413, streamed.statusCode(), streamed.body());
        assertEquals("application/problem+json", streamed.headers().firstValue("content-type").orElse(""));
        for (String service : Platform.SERVICES) {
            given().get(service + "/q/health/ready").then().statusCode(200);
        }
    }

    static HttpResponse<String> upload(long size, boolean declareLength) throws Exception {
        HttpRequest.BodyPublisher stream = HttpRequest.BodyPublishers.ofInputStream(() -> new Gzipish(size));
        HttpRequest request = HttpRequest.newBuilder(URI.create(Platform.DEPLOYMENT_API
                + "/api/sources?projectId=upload-limits"))
                .header("Content-Type", "application/gzip").header("Authorization", "Bearer " + TestAuth.admin())
                .POST(declareLength ? HttpRequest.BodyPublishers.fromPublisher(stream, size) : stream).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("the gateway hung up instead of answering: " + e, e);
        }
    }

    /** {@code size} bytes that start like gzip, made as they are read (never held in memory). */
    static final class Gzipish extends InputStream {
        private final long size;
        private final Random random = new Random(7);
        private long position;

        Gzipish(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (position >= size) {
                return -1;
            }
            long at = position++;
            return at == 0 ? 0x1f : at == 1 ? 0x8b : random.nextInt(256);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (position >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - position);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
