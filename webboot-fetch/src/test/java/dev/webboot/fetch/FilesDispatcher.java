package dev.webboot.fetch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;

/** Serves a few small files by path (whole, 200), 404 otherwise; remembers which paths were asked for. */
final class FilesDispatcher extends Dispatcher {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());

    FilesDispatcher put(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    List<String> paths() {
        synchronized (paths) {
            return List.copyOf(paths);
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        paths.add(request.getPath());
        byte[] content = files.get(request.getPath());
        if (content == null) {
            return new MockResponse().setResponseCode(404);
        }
        return new MockResponse()
                .setHeader("ETag", "\"" + content.length + "\"")
                .setBody(new Buffer().write(content));
    }
}
