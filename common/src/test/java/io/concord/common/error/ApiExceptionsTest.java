package io.concord.common.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Status, Discord code and message of each error, as Discord answers them. */
class ApiExceptionsTest {

    @ParameterizedTest
    @CsvSource({
            "APPLICATION, 10002, Unknown Application",
            "CHANNEL, 10003, Unknown Channel",
            "GUILD, 10004, Unknown Guild",
            "INVITE, 10006, Unknown Invite",
            "MEMBER, 10007, Unknown Member",
            "MESSAGE, 10008, Unknown Message",
            "ROLE, 10011, Unknown Role",
            "USER, 10013, Unknown User",
            "EMOJI, 10014, Unknown Emoji"})
    void notFoundIs404WithTheResourcesCode(NotFound.Resource resource, int code, String message) {
        NotFound e = new NotFound(resource);

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.code()).isEqualTo(code);
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.resource()).isEqualTo(resource);
        assertThat(e.errors()).isEmpty();
    }

    @Test
    void missingAccessIs403With50001() {
        MissingAccess e = new MissingAccess();
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo(50001);
        assertThat(e.getMessage()).isEqualTo("Missing Access");
    }

    @Test
    void missingPermissionsIs403With50013() {
        MissingPermissions e = new MissingPermissions();
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.code()).isEqualTo(50013);
        assertThat(e.getMessage()).isEqualTo("Missing Permissions");
    }

    @Test
    void unauthorizedIs401WithCode0() {
        Unauthorized e = new Unauthorized();
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.code()).isZero();
        assertThat(e.getMessage()).isEqualTo("401: Unauthorized");
    }

    @Test
    void badRequestsCarryTheirOwnCodes() {
        assertThat(BadRequest.invalidJson().status()).isEqualTo(400);
        assertThat(BadRequest.invalidJson().code()).isEqualTo(50109);
        assertThat(BadRequest.invalidJson().getMessage()).isEqualTo("The request body contains invalid JSON.");
        assertThat(BadRequest.emptyMessage().code()).isEqualTo(50006);
        assertThat(BadRequest.emptyMessage().getMessage()).isEqualTo("Cannot send an empty message");
    }

    @Test
    void serviceUnavailableIs503() {
        ServiceUnavailable e = new ServiceUnavailable("postgres did not answer");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).isEqualTo("postgres did not answer");
    }

    @Test
    void apiExceptionsCarryNoStackTrace() {
        assertThat(new NotFound(NotFound.Resource.CHANNEL).getStackTrace()).isEmpty();
    }
}
