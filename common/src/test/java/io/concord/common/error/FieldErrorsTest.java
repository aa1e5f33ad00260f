package io.concord.common.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.concord.common.json.Json;
import org.junit.jupiter.api.Test;

/** Discord's nested {@code errors} object of a 50035 Invalid Form Body. */
class FieldErrorsTest {

    @Test
    void oneFieldErrorHasDiscordsShape() {
        FieldErrors errors = new FieldErrors().add("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");

        assertThat(errors.toJson()).isEqualTo(Json.parse(
                "{\"content\":{\"_errors\":[{\"code\":\"BASE_TYPE_MAX_LENGTH\",\"message\":\"Must be 2000 or fewer in length.\"}]}}"));
    }

    @Test
    void aDottedPathNestsOneObjectPerSegment() {
        FieldErrors errors = new FieldErrors().add("embeds.0.title", "BASE_TYPE_REQUIRED", "This field is required");

        assertThat(errors.toJson()).isEqualTo(Json.parse(
                "{\"embeds\":{\"0\":{\"title\":{\"_errors\":[{\"code\":\"BASE_TYPE_REQUIRED\",\"message\":\"This field is required\"}]}}}}"));
    }

    @Test
    void pathsSharingAPrefixShareTheirParentObjects() {
        FieldErrors errors = new FieldErrors()
                .add("a.0.b", "C1", "m1")
                .add("a.1.c", "C2", "m2")
                .add("a.0.d", "C3", "m3");

        assertThat(errors.toJson()).isEqualTo(Json.parse("""
                {"a":{"0":{"b":{"_errors":[{"code":"C1","message":"m1"}]},
                           "d":{"_errors":[{"code":"C3","message":"m3"}]}},
                      "1":{"c":{"_errors":[{"code":"C2","message":"m2"}]}}}}"""));
    }

    @Test
    void twoErrorsOnOnePathAreListedInOrder() {
        FieldErrors errors = new FieldErrors()
                .add("username", "USERNAME_TOO_MANY_USERS", "first")
                .add("username", "BASE_TYPE_BAD_LENGTH", "second");

        assertThat(errors.toJson()).isEqualTo(Json.parse("""
                {"username":{"_errors":[{"code":"USERNAME_TOO_MANY_USERS","message":"first"},
                                        {"code":"BASE_TYPE_BAD_LENGTH","message":"second"}]}}"""));
    }

    @Test
    void anErrorOnAParentAndOnItsChildLiveSideBySideInEitherOrder() {
        String expected = """
                {"a":{"_errors":[{"code":"P","message":"parent"}],"b":{"_errors":[{"code":"C","message":"child"}]}}}""";

        assertThat(new FieldErrors().add("a", "P", "parent").add("a.b", "C", "child").toJson()).isEqualTo(Json.parse(expected));
        assertThat(new FieldErrors().add("a.b", "C", "child").add("a", "P", "parent").toJson()).isEqualTo(Json.parse(expected));
    }

    @Test
    void theEmptyPathPutsErrorsAtTheRoot() {
        FieldErrors errors = new FieldErrors().add("", "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType");

        assertThat(errors.toJson()).isEqualTo(Json.parse(
                "{\"_errors\":[{\"code\":\"DICT_TYPE_CONVERT\",\"message\":\"Only dictionaries may be used in a DictType\"}]}"));
    }

    @Test
    void noErrorsIsAnEmptyObjectAndThrowsNothing() {
        FieldErrors errors = new FieldErrors();

        assertThat(errors.isEmpty()).isTrue();
        assertThat(errors.toJson()).isEqualTo(Json.object());
        assertThatCode(errors::throwIfAny).doesNotThrowAnyException();
    }

    @Test
    void anyErrorThrowsInvalidForm400With50035() {
        FieldErrors errors = new FieldErrors().add("name", "BASE_TYPE_REQUIRED", "This field is required");

        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(InvalidForm.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo(50035);
            assertThat(e.getMessage()).isEqualTo("Invalid Form Body");
            assertThat(e.fieldErrors()).isSameAs(errors);
            assertThat(e.errors()).contains(errors.toJson());
        });
    }

    @Test
    void invalidFormOfOneFieldCarriesItsErrors() {
        InvalidForm e = InvalidForm.of("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length.");

        assertThat(e.errors()).hasValueSatisfying(json -> {
            assertThat(json.at("/content/_errors/0/code").asString()).isEqualTo("BASE_TYPE_MAX_LENGTH");
            assertThat(json.at("/content/_errors/0/message").asString()).isEqualTo("Must be 2000 or fewer in length.");
            assertThat(json.at("/content/_errors").size()).isEqualTo(1);
        });
    }
}
