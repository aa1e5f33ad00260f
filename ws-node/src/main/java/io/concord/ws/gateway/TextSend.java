package io.concord.ws.gateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * Sends a text frame whose UTF-8 bytes the caller already has (it needs their count for the
 * byte metrics): through Jetty's core session, which takes the bytes as they are, rather than
 * {@link Session#sendText}, which would encode the text again and wrap the callback twice. The
 * fanout benchmark's bare Jetty baseline sends the same way, so the comparison is like for like.
 */
public final class TextSend {
    private TextSend() {}

    public static void send(Session socket, byte[] utf8, Callback done) {
        if (socket instanceof WebSocketSession jetty) {
            jetty.getCoreSession().sendFrame(new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8)), done, false);
        } else {
            socket.sendText(new String(utf8, StandardCharsets.UTF_8), org.eclipse.jetty.websocket.api.Callback.from(done::succeeded, done::failed));
        }
    }
}
