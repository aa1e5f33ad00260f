package io.concord.ws.gateway;

/** Gateway opcodes the node reads (Discord's numbering, plus the user-client ones real clients send). */
final class Opcodes {
    static final int HEARTBEAT = 1;
    static final int IDENTIFY = 2;
    static final int PRESENCE_UPDATE = 3;
    static final int VOICE_STATE_UPDATE = 4;
    static final int RESUME = 6;
    static final int REQUEST_GUILD_MEMBERS = 8;
    static final int GUILD_SUBSCRIPTIONS = 14;
    static final int GUILD_SUBSCRIPTIONS_BULK = 37;
    /** A heartbeat that also carries QoS data; the official client sends it instead of op 1. */
    static final int QOS_HEARTBEAT = 40;

    private Opcodes() {}
}
