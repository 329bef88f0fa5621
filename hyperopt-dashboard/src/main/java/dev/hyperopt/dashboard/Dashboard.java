package dev.hyperopt.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hyperopt.engine.store.StoreException;
import dev.hyperopt.engine.store.StudyInfo;
import dev.hyperopt.engine.store.TrialStore;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.URIUtil;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code hyperopt dashboard}: a web server on 127.0.0.1 that shows the studies of a store while
 * they run. Pages: {@code /} lists the studies; {@code /study/NAME} is the study's report, which
 * reloads itself when {@code /api/study/NAME/version} changes; {@code /compare?study=A&study=B}
 * overlays the histories of studies and puts their summaries side by side. The store is only
 * read (open it with {@link ReadOnlyStores}), so the dashboard is safe next to running workers.
 */
public final class Dashboard implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String HOST = "127.0.0.1";
    private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final Server server;
    private final URI url;

    private Dashboard(Server server, URI url) {
        this.server = server;
        this.url = url;
    }

    /**
     * Serves {@code store} on 127.0.0.1:{@code port} (0: a free port), until {@link #close()}.
     * The store stays the caller's to close, after this.
     *
     * @throws IOException in one line when the port cannot be had (in use, or not allowed)
     */
    public static Dashboard start(TrialStore store, int port) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("hyperopt-dashboard");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new Pages(new StudyViews(store)));
        server.setStopTimeout(2_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            String why = bindFailure(e) ? "port " + port + " is in use" : describe(e);
            throw new IOException("cannot serve on " + HOST + ":" + port + ": " + why, e);
        }
        return new Dashboard(server, URI.create("http://" + HOST + ":" + connector.getLocalPort() + "/"));
    }

    /** The address of the list of studies, with the port actually taken. */
    public URI url() {
        return url;
    }

    /** Waits until the server stops. */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops serving: requests in progress get two seconds to finish. */
    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping is best effort; the process is going away
        }
    }

    private static boolean bindFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof BindException) return true;
        return false;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    /** The routes; every page and answer is computed from the store at the time of the request. */
    private static final class Pages extends Handler.Abstract {
        private final StudyViews views;

        Pages(StudyViews views) {
            this.views = views;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // A page elsewhere could reach this server through a host name it points at 127.0.0.1 (DNS
            // rebinding); requests addressed by any other name than the loopback's are refused.
            if (!LOOPBACK_NAMES.contains(Request.getServerName(request))) {
                send(response, callback, HttpStatus.FORBIDDEN_403, "text/plain", "the dashboard answers requests to 127.0.0.1 or localhost only\n");
                return true;
            }
            String method = request.getMethod();
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                send(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, "text/plain", "the dashboard only reads\n");
                return true;
            }
            // Study names are sent percent-encoded ("random%20search"); routes compare decoded text.
            String path = URIUtil.decodePath(Request.getPathInContext(request));
            Fields query = Request.extractQueryParameters(request);
            try {
                route(path, query, response, callback);
            } catch (StoreException e) {
                send(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "text/html",
                        page("hyperopt dashboard: store unavailable", Map.of("page", "error", "message",
                                "The store could not be read: " + describe(e))));
            } catch (RuntimeException e) {
                send(response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500, "text/html",
                        page("hyperopt dashboard: error", Map.of("page", "error", "message", "Internal error: " + describe(e))));
            }
            return true;
        }

        private void route(String path, Fields query, Response response, Callback callback) {
            if (path.equals("/favicon.ico")) {
                // No icon: an empty answer, so that browsers log no failed request.
                response.setStatus(HttpStatus.NO_CONTENT_204);
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                callback.succeeded();
            } else if (path.equals("/") || path.equals("/index.html")) {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("page", "list");
                data.put("studies", views.studies());
                ok(response, callback, "text/html", page("hyperopt dashboard", data));
            } else if (path.equals("/api/studies")) {
                ok(response, callback, "application/json", json(views.studies()));
            } else if (path.startsWith("/study/") && path.length() > "/study/".length()) {
                String name = path.substring("/study/".length());
                Optional<StudyInfo> info = views.study(name);
                if (info.isEmpty()) {
                    notFound(response, callback, "No study '" + name + "' in this store.");
                } else {
                    ok(response, callback, "text/html", live(views.report(info.get()), info.get()));
                }
            } else if (path.startsWith("/api/study/") && path.endsWith("/version")
                    && path.length() > "/api/study/".length() + "/version".length()) {
                String name = path.substring("/api/study/".length(), path.length() - "/version".length());
                Optional<StudyInfo> info = views.study(name);
                if (info.isEmpty()) {
                    send(response, callback, HttpStatus.NOT_FOUND_404, "application/json", json(Map.of("error", "no study '" + name + "'")));
                } else {
                    ok(response, callback, "application/json", json(views.version(info.get())));
                }
            } else if (path.equals("/compare") || path.equals("/api/compare")) {
                List<String> names = query.getValues("study");
                List<Map<String, Object>> studies = new ArrayList<>();
                for (String name : names == null ? List.<String>of() : names) {
                    Optional<StudyInfo> info = views.study(name);
                    if (info.isEmpty()) {
                        notFound(response, callback, "No study '" + name + "' in this store.");
                        return;
                    }
                    studies.add(views.compared(info.get()));
                }
                if (path.equals("/api/compare")) {
                    ok(response, callback, "application/json", json(studies));
                } else {
                    Map<String, Object> data = new LinkedHashMap<>();
                    data.put("page", "compare");
                    data.put("studies", studies);
                    ok(response, callback, "text/html", page("hyperopt dashboard: " + String.join(" vs ", names == null ? List.of() : names), data));
                }
            } else {
                notFound(response, callback, "No page at " + path + ".");
            }
        }

        private static void ok(Response response, Callback callback, String type, String body) {
            send(response, callback, HttpStatus.OK_200, type, body);
        }

        private static void notFound(Response response, Callback callback, String message) {
            send(response, callback, HttpStatus.NOT_FOUND_404, "text/html",
                    page("hyperopt dashboard: not found", Map.of("page", "missing", "message", message)));
        }

        private static void send(Response response, Callback callback, int status, String type, String body) {
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, type + "; charset=utf-8");
            // Every answer is the store as it is now: nothing may be cached.
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }
    }

    /** The report page with the dashboard's refresh script and its way back to the list, added before {@code </body>}. */
    static String live(StudyViews.Report report, StudyInfo info) {
        String reportHtml = report.html();
        String versionUrl = "/api/study/" + URLEncoder.encode(info.name(), StandardCharsets.UTF_8).replace("+", "%20") + "/version";
        String script = "<style>\n" + resource("live.css") + "</style>\n"
                + "<script id=\"dashboard-live\" data-version-url=\"" + escape(versionUrl) + "\" data-version=\""
                + escape(String.valueOf(report.version().get("version"))) + "\" data-trials=\"" + report.version().get("trials") + "\">\n"
                + resource("live.js") + "</script>\n";
        int end = reportHtml.lastIndexOf("</body>");
        if (end < 0) return reportHtml + script;
        return reportHtml.substring(0, end) + script + reportHtml.substring(end);
    }

    /** A page of the dashboard's own: the shell, its style and script, and the data it draws. */
    static String page(String title, Map<String, Object> data) {
        // Inside <script>, "</script" or "<!--" in a string would end or confuse the block; \u003c keeps the JSON equal.
        String json = json(data).replace("<", "\\u003c");
        return resource("dashboard.html")
                .replace("{{TITLE}}", escape(title))
                .replace("{{STYLE}}", resource("dashboard.css"))
                .replace("{{SCRIPT}}", resource("dashboard.js"))
                .replace("{{DATA}}", json);
    }

    private static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("dashboard data is not JSON", e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = Dashboard.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("resource " + name + " is missing from the dashboard module");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
