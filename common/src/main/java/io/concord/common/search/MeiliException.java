package io.concord.common.search;

/**
 * Meilisearch refused a request, failed a task, or could not be reached. The indexer retries the
 * batch (its entries stay pending); the api-node answers 503.
 */
public final class MeiliException extends RuntimeException {
    private final int status;
    private final String code;

    public MeiliException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public MeiliException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.code = "unreachable";
    }

    /** The HTTP status, 0 when Meilisearch did not answer. */
    public int status() {
        return status;
    }

    /** Meilisearch's error code ({@code index_not_found}, ...), or {@code unreachable}/{@code task_failed}. */
    public String code() {
        return code;
    }
}
