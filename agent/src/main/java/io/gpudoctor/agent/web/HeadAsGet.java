package io.gpudoctor.agent.web;

import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code HEAD} as {@code GET} would, headers and {@code Content-Length} included, without
 * the body (RFC 9110 §9.3.2): the routes see a GET, and Jetty, which knows the exchange began as
 * HEAD, sends no content.
 */
final class HeadAsGet extends Handler.Wrapper {

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.HEAD.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        return super.handle(new Request.Wrapper(request) {
            @Override
            public String getMethod() {
                return HttpMethod.GET.asString();
            }
        }, response, callback);
    }
}
