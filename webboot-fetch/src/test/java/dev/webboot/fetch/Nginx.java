package dev.webboot.fetch;

import dev.webboot.testing.ExternalTools;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx on a loopback port with its own configuration in a temp directory, serving {@code root}. It runs in
 * the foreground without a master process, so it needs no other user and stops with its process.
 */
final class Nginx implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Path binary;
    private final boolean tls;
    private Process process;

    Nginx(Path dir, Path root) throws IOException {
        this(dir, root, null, null);
    }

    /**
     * With a certificate and its key (PEM files), nginx serves HTTPS with HTTP/2 offered by ALPN, so a client that
     * speaks HTTP/2 uses it; without them, plain HTTP/1.1.
     */
    Nginx(Path dir, Path root, Path certificate, Path key) throws IOException {
        this.tls = certificate != null;
        this.binary = ExternalTools.require("nginx", "nginx-light");
        this.dir = Files.createDirectories(dir.resolve("nginx"));
        Files.createDirectories(this.dir.resolve("tmp"));
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        }
        String d = this.dir.toString();
        Files.writeString(
                this.dir.resolve("nginx.conf"),
                String.join(
                        "\n",
                        "daemon off;",
                        "master_process off;",
                        "worker_processes 1;",
                        "pid " + d + "/nginx.pid;",
                        "error_log " + d + "/error.log warn;",
                        "events { worker_connections 64; }",
                        "http {",
                        "  access_log " + d + "/access.log;",
                        "  client_body_temp_path " + d + "/tmp/body;",
                        "  proxy_temp_path " + d + "/tmp/proxy;",
                        "  fastcgi_temp_path " + d + "/tmp/fastcgi;",
                        "  uwsgi_temp_path " + d + "/tmp/uwsgi;",
                        "  scgi_temp_path " + d + "/tmp/scgi;",
                        "  sendfile on;",
                        "  server {",
                        tls
                                ? "    listen 127.0.0.1:" + port + " ssl http2; ssl_certificate " + certificate
                                        + "; ssl_certificate_key " + key + ";"
                                : "    listen 127.0.0.1:" + port + ";",
                        "    root " + root + ";",
                        "  }",
                        "}",
                        ""),
                StandardCharsets.US_ASCII);
    }

    Nginx start() throws IOException {
        process = new ProcessBuilder(
                        binary.toString(),
                        "-p",
                        dir.toString(),
                        "-c",
                        dir.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .start();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new AssertionError("nginx exited " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("stdout.log")) + errorLog());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return this;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
        throw new AssertionError("nginx did not listen on port " + port + " within 20 s: " + errorLog());
    }

    /** Stops nginx the hard way (open connections are cut), waiting for the process to end. */
    void kill() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
            process = null;
        }
    }

    String url(String path) {
        return (tls ? "https" : "http") + "://127.0.0.1:" + port + path;
    }

    String accessLog() throws IOException {
        Path log = dir.resolve("access.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    String errorLog() throws IOException {
        Path log = dir.resolve("error.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
