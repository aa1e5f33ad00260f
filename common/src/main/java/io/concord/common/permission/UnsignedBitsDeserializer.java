package io.concord.common.permission;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;

/**
 * Reads a 64-bit field written as an unsigned decimal string (or a plain number, which JDA also
 * accepts), so a bitset with bit 63 set reads back as the {@code long} it was written from.
 */
final class UnsignedBitsDeserializer extends ValueDeserializer<Long> {
    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) {
        if (p.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            return p.getLongValue();
        }
        if (p.currentToken() == JsonToken.VALUE_STRING) {
            String s = p.getString();
            if (!s.isEmpty() && s.length() <= 20 && s.chars().allMatch(Character::isDigit)) {
                try {
                    return Long.parseUnsignedLong(s);
                } catch (NumberFormatException e) {
                    // too large for 64 bits: reported below
                }
            }
            throw ctxt.weirdStringException(s, Long.class, "not an unsigned 64-bit decimal");
        }
        return (Long) ctxt.handleUnexpectedToken(Long.class, p);
    }
}
