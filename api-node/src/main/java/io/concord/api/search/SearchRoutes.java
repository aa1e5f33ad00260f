package io.concord.api.search;

import io.concord.api.http.Reply;
import io.concord.api.http.Router;
import java.util.Map;

/** {@code GET /guilds/{g}/messages/search} and {@code GET /channels/{c}/messages/search} (DMs). */
public final class SearchRoutes {
    private SearchRoutes() {}

    public static void register(Router router, SearchService search) {
        router.get("/guilds/{guild_id}/messages/search", call -> {
            long guildId = call.id("guild_id");
            SearchParams params = SearchParams.parse(call);
            return reply(search.guild(call.principal().userId(), guildId, params));
        });
        router.get("/channels/{channel_id}/messages/search", call -> {
            long channelId = call.id("channel_id");
            SearchParams params = SearchParams.parse(call);
            return reply(search.channel(call.principal().userId(), channelId, params));
        });
    }

    private static Reply reply(SearchService.Answer answer) {
        return new Reply(answer.status(), answer.body(), Map.of());
    }
}
