package io.concord.ws.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.concord.common.event.GuildEvent;
import io.concord.common.model.Channel;
import io.concord.common.model.ChannelType;
import io.concord.ws.session.Intents;
import io.concord.ws.support.AccessEdits;
import io.concord.ws.support.GatewayClient;
import io.concord.ws.support.TestWorld;
import io.concord.ws.support.TestWorld.TestGuild;
import io.concord.ws.support.WsNodeExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every issue-3 event against sessions that lack exactly the intent it needs: those miss it (their
 * next frame is the USER_UPDATE marker published after it), every other session gets it.
 */
class IntentFilteringTest {
    private static final int NODE_ID = 710;
    private static final long[] INTENTS = {Intents.GUILDS, Intents.GUILD_MEMBERS, Intents.GUILD_MESSAGES,
            Intents.GUILD_MESSAGE_REACTIONS, Intents.GUILD_MESSAGE_TYPING, Intents.GUILD_INVITES};
    @RegisterExtension
    static final WsNodeExtension wsNode = new WsNodeExtension(NODE_ID);
    private static final TestWorld world = wsNode.world();
    private static final AccessEdits edits = wsNode.edits();

    record Client(String name, long userId, Intents intents, GatewayClient gateway) {}

    @Test
    void eachEventReachesOnlySessionsWhoseIntentsAskForIt() throws Exception {
        long owner = world.user("intent-owner");
        TestGuild guild = world.guild(owner, "Intents everywhere");
        long g = guild.id();
        long c = guild.channelId();
        long ghost = world.user("ghost");
        long fresh = world.id();
        world.channels.insert(new Channel(fresh, ChannelType.GUILD_TEXT, g, "fresh", 5, null, null, false, 0, List.of()));
        long doomed = world.id();
        world.channels.insert(new Channel(doomed, ChannelType.GUILD_TEXT, g, "doomed", 6, null, null, false, 0, List.of()));
        String doomedPayload = edits.channelPayload(doomed);
        edits.deleteChannel(doomed);

        List<Client> clients = new ArrayList<>();
        try {
            clients.add(new Client("user client", owner, Intents.UNDECLARED, wsNode.load(owner, null, 1)));
            long everything = Intents.KNOWN;
            long all = world.user("all-intents", true);
            world.join(g, all);
            clients.add(new Client("all intents", all, Intents.of(everything), wsNode.load(all, everything, 1)));
            for (long missing : INTENTS) {
                long bot = world.user("without-" + missing, true);
                world.join(g, bot);
                long bits = everything & ~missing;
                clients.add(new Client("without " + missing, bot, Intents.of(bits), wsNode.load(bot, bits, 1)));
            }

            String member = "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"ghost\"},\"roles\":[],\"joined_at\":\"2026-01-01T00:00:00+00:00\"}"
                    .formatted(g, ghost);
            String role = "{\"guild_id\":\"%d\",\"role\":{\"id\":\"%d\",\"name\":\"r\",\"color\":0,\"colors\":{\"primary_color\":0},\"position\":1,\"permissions\":\"0\"}}"
                    .formatted(g, world.id());
            String inChannel = "{\"channel_id\":\"%d\",\"guild_id\":\"%d\"}".formatted(c, g);
            Map<GuildEvent, Long> events = new LinkedHashMap<>();
            events.put(new GuildEvent("GUILD_UPDATE", g, 0, List.of(), "{\"id\":\"" + g + "\",\"name\":\"renamed\"}"), Intents.GUILDS);
            events.put(new GuildEvent("GUILD_ROLE_CREATE", g, 0, List.of(), role), Intents.GUILDS);
            events.put(new GuildEvent("GUILD_ROLE_UPDATE", g, 0, List.of(), role), Intents.GUILDS);
            events.put(new GuildEvent("GUILD_ROLE_DELETE", g, 0, List.of(), "{\"guild_id\":\"%d\",\"role_id\":\"%d\"}".formatted(g, world.id())), Intents.GUILDS);
            events.put(new GuildEvent("CHANNEL_CREATE", g, fresh, List.of(), edits.channelPayload(fresh)), Intents.GUILDS);
            events.put(new GuildEvent("CHANNEL_UPDATE", g, c, List.of(), edits.channelPayload(c)), Intents.GUILDS);
            events.put(new GuildEvent("CHANNEL_DELETE", g, doomed, List.of(), doomedPayload), Intents.GUILDS);
            events.put(new GuildEvent("CHANNEL_PINS_UPDATE", g, c, List.of(),
                    "{\"guild_id\":\"%d\",\"channel_id\":\"%d\",\"last_pin_timestamp\":null}".formatted(g, c)), Intents.GUILDS);
            events.put(new GuildEvent("GUILD_MEMBER_ADD", g, 0, List.of(ghost), member), Intents.GUILD_MEMBERS);
            events.put(new GuildEvent("GUILD_MEMBER_UPDATE", g, 0, List.of(), member), Intents.GUILD_MEMBERS);
            events.put(new GuildEvent("GUILD_MEMBER_REMOVE", g, 0, List.of(ghost), "{\"guild_id\":\"%d\",\"user\":{\"id\":\"%d\",\"username\":\"ghost\"}}"
                    .formatted(g, ghost)), Intents.GUILD_MEMBERS);
            events.put(new GuildEvent("MESSAGE_CREATE", g, c, List.of(), TestWorld.message(world.id(), c, g, owner, "m")), Intents.GUILD_MESSAGES);
            events.put(new GuildEvent("MESSAGE_UPDATE", g, c, List.of(), TestWorld.message(world.id(), c, g, owner, "m2")), Intents.GUILD_MESSAGES);
            events.put(new GuildEvent("MESSAGE_DELETE", g, c, List.of(), "{\"id\":\"%d\",\"channel_id\":\"%d\",\"guild_id\":\"%d\"}"
                    .formatted(world.id(), c, g)), Intents.GUILD_MESSAGES);
            events.put(new GuildEvent("MESSAGE_DELETE_BULK", g, c, List.of(), "{\"ids\":[\"%d\"],\"channel_id\":\"%d\",\"guild_id\":\"%d\"}"
                    .formatted(world.id(), c, g)), Intents.GUILD_MESSAGES);
            for (String reaction : List.of("MESSAGE_REACTION_ADD", "MESSAGE_REACTION_REMOVE", "MESSAGE_REACTION_REMOVE_ALL", "MESSAGE_REACTION_REMOVE_EMOJI")) {
                events.put(new GuildEvent(reaction, g, c, List.of(), inChannel), Intents.GUILD_MESSAGE_REACTIONS);
            }
            events.put(new GuildEvent("TYPING_START", g, c, List.of(), "{\"channel_id\":\"%d\",\"guild_id\":\"%d\",\"user_id\":\"%d\",\"timestamp\":1}"
                    .formatted(c, g, owner)), Intents.GUILD_MESSAGE_TYPING);
            events.put(new GuildEvent("INVITE_CREATE", g, c, List.of(), inChannel), Intents.GUILD_INVITES);
            events.put(new GuildEvent("INVITE_DELETE", g, c, List.of(), inChannel), Intents.GUILD_INVITES);

            Long[] everyone = clients.stream().map(Client::userId).toArray(Long[]::new);
            for (Map.Entry<GuildEvent, Long> e : events.entrySet()) {
                GuildEvent event = e.getKey();
                world.publish(NODE_ID, event);
                world.publish(NODE_ID, AccessEdits.marker("after " + event.type(), everyone));
                for (Client client : clients) {
                    if (client.intents().allows(e.getValue())) {
                        assertThat(client.gateway().nextDispatch(event.type()).path("d").toString())
                                .as(client.name() + " gets " + event.type()).isNotEmpty();
                    }
                    assertThat(client.gateway().nextDispatch("USER_UPDATE").path("d").path("username").asString())
                            .as(client.name() + " after " + event.type()).isEqualTo("after " + event.type());
                }
            }
        } finally {
            clients.forEach(cl -> cl.gateway().close());
        }
    }
}
