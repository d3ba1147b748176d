package io.gpudoctor.agent.web;

import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Puts the web config's {@code http_server_config.headers} (HSTS, CSP, ...) on every answer,
 * error answers included, as exporter-toolkit does.
 */
final class ResponseHeadersHandler extends Handler.Wrapper {

    private final Map<String, String> headers;

    ResponseHeadersHandler(Map<String, String> headers) {
        this.headers = Map.copyOf(headers);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        headers.forEach(response.getHeaders()::put);
        return super.handle(request, response, callback);
    }
}
