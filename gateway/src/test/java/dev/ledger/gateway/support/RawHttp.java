package dev.ledger.gateway.support;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte over a socket, for what {@code java.net.http} refuses to send: malformed request lines
 * and %-escapes, illegal or duplicate headers, bodies in any encoding, any Content-Type or none. One connection per
 * request ({@code Connection: close}), so the response is everything the server writes before it closes.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;

    public RawHttp(int port) {
        this.port = port;
    }

    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.get(0);
        }

        public String text() {
            return new String(body, UTF_8);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + text();
        }
    }

    /** A request to build: method and target are sent as given, however malformed. */
    public static final class Request {

        private final String method;
        private final String target;
        private final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
        private byte[] body = new byte[0];

        private Request(String method, String target) {
            this.method = method;
            this.target = target;
        }

        public Request header(String name, String value) {
            return header(name, value.getBytes(UTF_8));
        }

        public Request header(String name, byte[] value) {
            headers.add(Map.entry(name, value));
            return this;
        }

        /** The body's bytes, sent with their Content-Length (and no Content-Type unless a header says one). */
        public Request body(byte[] body) {
            this.body = body;
            return this;
        }

        public Request body(String body) {
            return body(body.getBytes(UTF_8));
        }

        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes((method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n").getBytes(UTF_8));
            for (Map.Entry<String, byte[]> header : headers) {
                out.writeBytes((header.getKey() + ": ").getBytes(UTF_8));
                out.writeBytes(header.getValue());
                out.writeBytes("\r\n".getBytes(UTF_8));
            }
            if (body.length > 0) {
                out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(UTF_8));
            }
            out.writeBytes("Connection: close\r\n\r\n".getBytes(UTF_8));
            out.writeBytes(body);
            return out.toByteArray();
        }

        @Override
        public String toString() {
            String head = method + " " + target + " " + headers.stream()
                    .map(h -> h.getKey() + "=" + abbreviate(new String(h.getValue(), UTF_8))).toList();
            return head + " body=" + abbreviate(new String(body, UTF_8));
        }

        private static String abbreviate(String text) {
            return text.length() <= 120 ? text : text.substring(0, 120) + "…(" + text.length() + ")";
        }
    }

    public static Request request(String method, String target) {
        return new Request(method, target);
    }

    public Response send(Request request) {
        return send(request.bytes());
    }

    /** Sends these bytes as they are and reads the response. */
    public Response send(byte[] request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
            } catch (SocketException answeredEarly) {
                // the server may answer and close before it has read all of a request it refuses
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                all.write(buffer, 0, n);
            }
        } catch (SocketException resetAfterResponse) {
            // a reset after the response was written still leaves the response readable
        }
        return all.toByteArray();
    }

    private static Response parse(byte[] raw) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(ISO_8859_1), 0);
        if (headEnd < 0) {
            throw new AssertionError("no HTTP response: " + new String(raw, ISO_8859_1));
        }
        String[] lines = new String(raw, 0, headEnd, ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.computeIfAbsent(name, k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        List<String> coding = headers.get("transfer-encoding");
        if (coding != null && coding.contains("chunked")) {
            body = dechunk(body);
        }
        return new Response(status, headers, body);
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(ISO_8859_1), at);
            int size = Integer.parseInt(new String(chunked, at, lineEnd - at, ISO_8859_1).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
