package io.concord.common.admin;

/** A named dependency check for {@code /readyz}. */
public record HealthCheck(String name, java.util.function.BooleanSupplier check) {}
