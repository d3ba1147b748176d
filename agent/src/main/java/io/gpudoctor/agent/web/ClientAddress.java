package io.gpudoctor.agent.web;

import io.gpudoctor.agent.web.api.ApiException;
import io.gpudoctor.agent.web.api.ErrorCode;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** The source address a request is judged by. */
@FunctionalInterface
interface ClientAddress {

    /** The connection's peer, from the socket: never a forwarded-for header, which any client can write. */
    ClientAddress PEER = ctx -> {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request != null && request.getConnectionMetaData().getRemoteSocketAddress()
                instanceof InetSocketAddress socket && socket.getAddress() != null) {
            return socket.getAddress();
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "the client's address cannot be read");
    };

    InetAddress of(Context ctx);
}
