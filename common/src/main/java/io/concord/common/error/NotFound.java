package io.concord.common.error;

/** An id or code that names nothing the caller may see: 404 with the resource's own Discord code. */
public final class NotFound extends ApiException {
    public enum Resource {
        APPLICATION(10002, "Unknown Application"),
        CHANNEL(10003, "Unknown Channel"),
        GUILD(10004, "Unknown Guild"),
        INVITE(10006, "Unknown Invite"),
        MEMBER(10007, "Unknown Member"),
        MESSAGE(10008, "Unknown Message"),
        ROLE(10011, "Unknown Role"),
        USER(10013, "Unknown User"),
        BAN(10026, "Unknown Ban"),
        EMOJI(10014, "Unknown Emoji");

        final int code;
        final String message;

        Resource(int code, String message) {
            this.code = code;
            this.message = message;
        }
    }

    private final Resource resource;

    public NotFound(Resource resource) {
        super(404, resource.code, resource.message);
        this.resource = resource;
    }

    public Resource resource() {
        return resource;
    }
}
