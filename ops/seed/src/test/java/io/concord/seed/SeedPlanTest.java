package io.concord.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SeedPlanTest {

    @Test
    void noArgumentsGiveTheDefaults() {
        SeedPlan plan = SeedPlan.parse(new String[0]);

        assertThat(plan).isEqualTo(new SeedPlan(1000, 25, 0, 1, 10, 10, 500, 24, 1000, Path.of(".concord/load")));
        assertThat(plan.smallGuilds()).isEqualTo(40);
    }

    @Test
    void bothOptionFormsAreRead() {
        SeedPlan plan = SeedPlan.parse(new String[] {"--users", "101", "--guild-size=10", "--out", "/tmp/x"});

        assertThat(plan.users()).isEqualTo(101);
        assertThat(plan.guildSize()).isEqualTo(10);
        assertThat(plan.smallGuilds()).as("the last guild holds the one user left").isEqualTo(11);
        assertThat(plan.out()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        assertThatThrownBy(() -> SeedPlan.parse(new String[] {"--users", "0", "--bots", "many", "--node-id", "1024"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--users must be 1..1000000, not 0")
                .hasMessageContaining("--bots must be a number, not 'many'")
                .hasMessageContaining("--node-id must be 0..1023, not 1024");
    }

    @Test
    void unknownOptionsAndALargeGuildBeyondTheUsersAreRefused() {
        assertThatThrownBy(() -> SeedPlan.parse(new String[] {"--user", "5"})).hasMessageContaining("unknown option --user");
        assertThatThrownBy(() -> SeedPlan.parse(new String[] {"--users", "5", "--large-guild-members", "6"}))
                .hasMessageContaining("--large-guild-members cannot exceed --users");
        assertThatThrownBy(() -> SeedPlan.parse(new String[] {"--users"})).hasMessageContaining("--users needs a value");
    }

    @Test
    void describeListsEveryOptionWithItsValueAndDefault() {
        String text = SeedPlan.parse(new String[] {"--users", "7"}).describe();

        assertThat(text.lines()).hasSize(10);
        assertThat(text).contains("--users                7              (default 1000)").contains("--out");
    }
}
