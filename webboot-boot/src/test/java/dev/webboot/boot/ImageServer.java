package dev.webboot.boot;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import okio.Buffer;

/**
 * Publishes files the way a web server does (Range, If-Range, a strong ETag), with faults for the next request of a
 * path: a connection cut after some body bytes (the headers promise the whole length, then the socket closes, as in
 * webboot-net's download tests), a chunked answer without Content-Length, or no answer at all.
 */
public final class ImageServer extends Dispatcher {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    public enum Mode {
        NORMAL,
        CHUNKED,
        NO_RESPONSE
    }

    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutOnce = new ConcurrentHashMap<>();
    private final Map<String, Long> claimedSizes = new ConcurrentHashMap<>();
    private final Map<String, Mode> modes = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());

    public ImageServer publish(String path, byte[] bytes) {
        files.put(path, bytes);
        return this;
    }

    /** The next request for {@code path} gets only {@code bytes} body bytes, then the connection closes. */
    public ImageServer cutOnce(String path, int bytes) {
        cutOnce.put(path, bytes);
        return this;
    }

    /**
     * Answers for {@code path} say (in Content-Length) that it is {@code bytes} long, send the real bytes, then close:
     * a server announcing an image larger than anything the test could serve.
     */
    public ImageServer claimSize(String path, long bytes) {
        claimedSizes.put(path, bytes);
        return this;
    }

    public ImageServer mode(String path, Mode mode) {
        modes.put(path, mode);
        return this;
    }

    public List<RecordedRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public List<RecordedRequest> requestsFor(String path) {
        return requests().stream().filter(r -> path.equals(r.getPath())).toList();
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        String path = request.getPath();
        byte[] bytes = files.get(path);
        if (bytes == null) {
            return new MockResponse().setResponseCode(404);
        }
        Mode mode = modes.getOrDefault(path, Mode.NORMAL);
        if (mode == Mode.NO_RESPONSE) {
            return new MockResponse().setSocketPolicy(SocketPolicy.NO_RESPONSE);
        }
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(bytes)) + "\"";
        if (mode == Mode.CHUNKED) {
            return new MockResponse().setChunkedBody(new Buffer().write(bytes), 64 * 1024);
        }
        MockResponse response = new MockResponse().setHeader("ETag", etag).setHeader("Accept-Ranges", "bytes");
        int start = 0;
        String range = request.getHeader("Range");
        String ifRange = request.getHeader("If-Range");
        if (range != null && (ifRange == null || ifRange.equals(etag))) {
            Matcher m = RANGE.matcher(range);
            if (!m.matches()) {
                return new MockResponse().setResponseCode(400);
            }
            start = Integer.parseInt(m.group(1));
            response.setResponseCode(206)
                    .setHeader("Content-Range", "bytes " + start + "-" + (bytes.length - 1) + "/" + bytes.length);
        }
        int length = bytes.length - start;
        Long claimed = claimedSizes.get(path);
        if (claimed != null) {
            response.setBody(new Buffer().write(bytes, start, length));
            response.setHeader("Content-Length", claimed - start);
            response.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
            return response;
        }
        Integer cut = cutOnce.remove(path);
        if (cut != null) {
            response.setBody(new Buffer().write(bytes, start, Math.min(cut, length)));
            response.setHeader("Content-Length", length);
            response.setSocketPolicy(SocketPolicy.DISCONNECT_AT_END);
            return response;
        }
        return response.setBody(new Buffer().write(bytes, start, length));
    }
}
