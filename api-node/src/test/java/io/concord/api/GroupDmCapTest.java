package io.concord.api;

import static io.concord.api.DiscordErrors.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.config.ConfigException;
import io.concord.common.test.TestStack;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GROUP_DM_MAX_RECIPIENTS sets the group DM cap (the caller counts), within 2..100. */
class GroupDmCapTest {
    @RegisterExtension
    static final ApiNodeExtension api = new ApiNodeExtension(177, Clock.systemUTC(), Map.of("RATE_LIMITS", "off", "GROUP_DM_MAX_RECIPIENTS", "3"));
    private static final RestClient rest = api.rest();
    private static final Accounts accounts = api.accounts();

    @Test
    void theConfiguredCapCountsTheCallerForCreatingAndAdding() {
        Accounts.User owner = accounts.register();
        Accounts.User b = accounts.register();
        Accounts.User c = accounts.register();
        Accounts.User d = accounts.register();

        assertError(rest.post("/users/@me/channels", owner.token(), Map.of("recipients", List.of(b.id(), c.id(), d.id()))),
                400, 30004, "Maximum number of recipients reached (3)");
        var group = rest.post("/users/@me/channels", owner.token(), Map.of("recipients", List.of(b.id(), c.id())));
        assertThat(group.status()).as("%s", group).isEqualTo(200);
        String id = group.json().path("id").asString();
        assertError(rest.put("/channels/" + id + "/recipients/" + d.id(), owner.token()), 400, 30004, "Maximum number of recipients reached (3)");
        assertThat(rest.get("/channels/" + id, owner.token()).json().path("recipients")).hasSize(2);
    }

    @Test
    void aCapOutside2To100IsAConfigurationError() {
        for (String bad : List.of("1", "101", "ten")) {
            assertThatThrownBy(() -> ApiConfig.fromEnv(TestStack.env(Map.of("GROUP_DM_MAX_RECIPIENTS", bad))))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("GROUP_DM_MAX_RECIPIENTS");
        }
        assertThat(ApiConfig.fromEnv(TestStack.env(Map.of("GROUP_DM_MAX_RECIPIENTS", "100"))).groupDmMaxRecipients()).isEqualTo(100);
        assertThat(ApiConfig.fromEnv(TestStack.env(Map.of())).groupDmMaxRecipients()).isEqualTo(10);
    }
}
