package io.concord.common.notify;

/** A registered push device: {@code token} as registered (PushSubscription JSON for webpush, the URL for webhook). */
public record Device(long id, long userId, String provider, String endpoint, String token) {
    public static final String WEBPUSH = "webpush";
    public static final String WEBHOOK = "webhook";
}
