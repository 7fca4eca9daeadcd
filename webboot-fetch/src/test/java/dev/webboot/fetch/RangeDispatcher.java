package dev.webboot.fetch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * Serves one resource with Range, If-Range and a strong ETag like a correct web server, except for the faults queued
 * for the next requests (one fault per request, in order).
 */
final class RangeDispatcher extends Dispatcher {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    sealed interface Fault {}

    /** Sends the headers of a correct answer, then only {@code bytes} body bytes, then closes the connection. */
    record CutAfter(int bytes) implements Fault {}

    /** Sends headers, then nothing for {@code millis}. */
    record Stall(long millis) implements Fault {}

    /** Answers with this status and no body. */
    record Status(int code) implements Fault {}

    /** Ignores Range: sends 200 and the whole resource. */
    record IgnoreRange() implements Fault {}

    /** Replaces the resource (new bytes, new ETag) before answering normally. */
    record Replace(byte[] content, String etag) implements Fault {}

    /** Redirects to itself. */
    record RedirectToSelf() implements Fault {}

    /** Closes the connection after half of the body (MockWebServer's own fault). */
    record DisconnectDuringBody() implements Fault {}

    private volatile byte[] content;
    private volatile String etag;
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean alwaysFault;
    private volatile Fault permanent;

    RangeDispatcher(byte[] content, String etag) {
        this.content = content;
        this.etag = etag;
    }

    RangeDispatcher then(Fault... next) {
        faults.addAll(List.of(next));
        return this;
    }

    /** Every request gets this fault. */
    RangeDispatcher always(Fault fault) {
        permanent = fault;
        alwaysFault = true;
        return this;
    }

    List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        Fault fault = faults.isEmpty() && alwaysFault ? permanent : faults.poll();
        if (fault instanceof Replace replace) {
            content = replace.content();
            etag = replace.etag();
            fault = null;
        }
        if (fault instanceof Status status) {
            return new MockResponse().setResponseCode(status.code()).setBody("failure " + status.code());
        }
        if (fault instanceof RedirectToSelf) {
            return new MockResponse().setResponseCode(302).setHeader("Location", request.getPath());
        }
        byte[] bytes = content;
        long start = 0;
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        boolean honourRange =
                range != null && (ifRange == null || ifRange.equals(etag)) && !(fault instanceof IgnoreRange);
        MockResponse response = new MockResponse().setHeader("ETag", etag).setHeader("Accept-Ranges", "bytes");
        if (honourRange) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                return new MockResponse().setResponseCode(400);
            }
            start = Long.parseLong(m.group(1));
            if (start >= bytes.length) {
                return response.setResponseCode(416).setHeader("Content-Range", "bytes */" + bytes.length);
            }
            response.setResponseCode(206)
                    .setHeader("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
        } else {
            response.setResponseCode(200);
        }
        int length = (int) (bytes.length - start);
        if (fault instanceof CutAfter cut) {
            int sent = Math.min(cut.bytes(), length);
            response.setBody(new Buffer().write(bytes, (int) start, sent));
            response.setHeader("Content-Length", length);
            response.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
            return response;
        }
        response.setBody(new Buffer().write(bytes, (int) start, length));
        if (fault instanceof Stall stall) {
            response.setBodyDelay(stall.millis(), TimeUnit.MILLISECONDS);
        }
        if (fault instanceof DisconnectDuringBody) {
            response.setSocketPolicy(SocketPolicy.DISCONNECT_DURING_RESPONSE_BODY);
        }
        return response;
    }
}
