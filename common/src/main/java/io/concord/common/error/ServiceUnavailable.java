package io.concord.common.error;

/** A store or stream this request needs did not answer: 503, the client may retry. */
public final class ServiceUnavailable extends ApiException {
    public ServiceUnavailable(String message) {
        super(503, 0, message);
    }
}
