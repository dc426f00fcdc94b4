package io.gmnstream.embedded.registry.internal;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a method and a path such as {@code /subjects/{subject}/versions/{version}} to a handler. Path
 * segments are percent-decoded one by one, so a subject may contain an encoded '/'.
 */
public final class HttpRouter {

    /** What a handler gets: decoded path parameters, query parameters and the raw body. */
    public record Request(String method, Map<String, String> pathParams, Map<String, String> query, byte[] body) {
        public String path(String name) {
            return pathParams.get(name);
        }

        public boolean queryFlag(String name) {
            return Boolean.parseBoolean(query.getOrDefault(name, "false"));
        }
    }

    /** A status and a body to serialise as JSON. */
    public record Response(int status, Object body) {
        public static Response ok(Object body) {
            return new Response(200, body);
        }
    }

    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    private record Route(String method, List<String> pattern, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public HttpRouter add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, segments(pattern), handler));
        return this;
    }

    /** Routes a request; 404 (error_code 404) for an unknown path, 405 for a known path with another method. */
    public Response route(String method, String rawPath, String rawQuery, byte[] body) {
        List<String> path = decodedSegments(rawPath);
        boolean pathKnown = false;
        for (Route route : routes) {
            Optional<Map<String, String>> params = match(route.pattern(), path);
            if (params.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (route.method().equals(method)) {
                return route.handler().handle(new Request(method, params.get(), query(rawQuery), body));
            }
        }
        throw pathKnown ? RegistryException.methodNotAllowed() : RegistryException.routeNotFound();
    }

    private static Optional<Map<String, String>> match(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{") && expected.endsWith("}")) {
                params.put(expected.substring(1, expected.length() - 1), path.get(i));
            } else if (!expected.equals(path.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> decodedSegments(String rawPath) {
        return segments(rawPath == null ? "" : rawPath).stream().map(HttpRouter::decode).toList();
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "true" : decode(pair.substring(eq + 1));
            params.put(name, value);
        }
        return params;
    }

    /** Percent-decoding without URLDecoder's form rule that turns '+' into a space. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw RegistryException.badRequest("Malformed percent-encoding in '" + text + "'");
        }
    }
}
