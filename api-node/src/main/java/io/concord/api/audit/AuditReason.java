package io.concord.api.audit;

import io.concord.api.http.Call;
import io.concord.common.error.InvalidForm;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The {@code X-Audit-Log-Reason} header: URL-encoded by clients (JDA and discord.js both encode it),
 * at most 512 characters once decoded. A header that does not decode is taken as it came; an
 * over-long one is a 50035 error on {@code reason}, so nothing is changed with a truncated reason.
 */
public final class AuditReason {
    public static final int MAX_LENGTH = 512;

    private AuditReason() {}

    public static Optional<String> of(Call call) {
        return call.header("X-Audit-Log-Reason").map(AuditReason::decode).filter(r -> !r.isBlank()).map(AuditReason::bounded);
    }

    static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private static String bounded(String reason) {
        if (reason.codePointCount(0, reason.length()) > MAX_LENGTH) {
            throw InvalidForm.of("reason", "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_LENGTH + " or fewer in length.");
        }
        return reason;
    }
}
