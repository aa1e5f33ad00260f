package io.concord.api.http;

@FunctionalInterface
public interface RouteHandler {
    Reply handle(Call call);
}
