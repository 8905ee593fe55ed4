package org.hls.query.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * An open connection keeps Tomcat's buffers for as long as it is open, and a dashboard stream stays open for hours.
 * The socket's own read and write buffers (8 KB each by default) are cut to 2 KB: requests here are a token and a
 * query, a dashboard is written in one go, and anything larger goes straight to the socket.
 */
@Component
class LeanConnections implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final String SOCKET_BUFFER = "2048";

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(connector -> {
            connector.setProperty("socket.appReadBufSize", SOCKET_BUFFER);
            connector.setProperty("socket.appWriteBufSize", SOCKET_BUFFER);
        });
    }
}
