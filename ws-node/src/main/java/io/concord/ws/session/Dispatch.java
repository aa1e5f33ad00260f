package io.concord.ws.session;

/** One op 0 event before it gets a session's sequence number: the name and the already-encoded {@code d}. */
public record Dispatch(String type, String payload) {}
