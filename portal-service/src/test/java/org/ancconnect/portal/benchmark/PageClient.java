package org.ancconnect.portal.benchmark;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.ancconnect.testsupport.esignet.Browser;

/**
 * The benchmark's load generator for one user: GETs of one page over one HTTP/1.1 keep-alive connection, the body read
 * as bytes and searched for a marker, nothing else. It is not part of the system under test: its only job is to cost
 * the shared two cores as little as possible, so the CPU left is the portal's. The JDK's {@code HttpClient} (as used by
 * {@link Browser}) cost 0.81 ms of CPU per page on the quiet run of 2026-11-21 17:51 (selector thread hand-offs, the
 * body decoded into a String, the cookie handler); this client reads the same response with a socket read loop.
 * Answers with {@code Content-Length} or chunked; a {@code Connection: close} or a broken connection reconnects.
 */
final class PageClient implements AutoCloseable {

    private static final byte[] CRLF = {'\r', '\n'};

    private final URI uri;
    private final byte[] request;
    private final byte[] marker;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private byte[] body = new byte[64 * 1024];
    private int bodyLength;

    /** A client for GETs of {@code url} with the session cookies {@code browser} holds for it. */
    PageClient(String url, Browser browser, String marker) {
        this.uri = URI.create(url);
        String cookie = cookieHeader(browser, uri);
        this.request = ("GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAccept: text/html\r\nCookie: " + cookie + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        this.marker = marker.getBytes(StandardCharsets.UTF_8);
    }

    /** The cookies the signed-in {@link Browser} sends; a missing session cookie fails the benchmark at once. */
    private static String cookieHeader(Browser browser, URI uri) {
        String header = browser.cookieHeader(uri);
        if (!header.contains("anc_session=")) {
            throw new IllegalStateException("no anc_session cookie for " + uri + " (signed in?)");
        }
        return header;
    }

    /** One GET: the status, with 200 counted only when the body contains the marker (else -200). */
    int get() throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                return read();
            } catch (IOException e) {
                // A keep-alive connection the server closed between two requests: reconnect once, then give up.
                closeQuietly();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
        socket.setSoTimeout(30_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = socket.getOutputStream();
    }

    private int read() throws IOException {
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before the status line");
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        for (String h = line(); h != null && !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) {
                close = true;
            }
        }
        bodyLength = 0;
        if (chunked) {
            for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
                    size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
                readBody(size);
                line();
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            readBody((int) length);
        } else {
            throw new IOException("answer without Content-Length or chunked encoding");
        }
        if (close) {
            closeQuietly();
        }
        return code == 200 && contains() ? 200 : -code;
    }

    private void readBody(int n) throws IOException {
        if (bodyLength + n > body.length) {
            body = Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + n));
        }
        int done = in.readNBytes(body, bodyLength, n);
        if (done < n) {
            throw new IOException("connection closed in the body");
        }
        bodyLength += n;
    }

    private boolean contains() {
        outer:
        for (int i = 0; i + marker.length <= bodyLength; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (body[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A header line without its CRLF (ASCII), null at the end of the stream. */
    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == CRLF[0]) {
                if (in.read() != CRLF[1]) {
                    throw new IOException("bare CR in a header");
                }
                return s.toString();
            }
            s.append((char) c);
        }
        return s.isEmpty() ? null : s.toString();
    }

    private void closeQuietly() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a connection we are done with
            }
        }
        socket = null;
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
