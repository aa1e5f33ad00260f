package io.concord.ws.presence;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One activity as bots set it (JDA sends {@code name}, {@code type} and for streams {@code url}); the rest is dropped. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Activity(String name, int type, String url, String state, long createdAt) {}
