package io.threefactor.triggers.target;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retry-After is delay-seconds or an HTTP date; anything else leaves the trigger's interval in force. */
class RetryAfterTest {

    @Test
    void seconds() {
        assertEquals(Duration.ofSeconds(120), HttpSender.retryAfter(" 120 "));
    }

    @Test
    void an_http_date() {
        String in30s = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = HttpSender.retryAfter(in30s);
        assertTrue(d.getSeconds() >= 28 && d.getSeconds() <= 30, d.toString());
        String past = ZonedDateTime.now(ZoneOffset.UTC).minusDays(1).format(DateTimeFormatter.RFC_1123_DATE_TIME);
        assertEquals(Duration.ZERO, HttpSender.retryAfter(past));
    }

    @Test
    void garbage_or_missing() {
        assertNull(HttpSender.retryAfter(null));
        assertNull(HttpSender.retryAfter("soon"));
        assertNull(HttpSender.retryAfter("-5"));
    }
}
