package io.secumon.api.metrics;

import java.time.Instant;

/**
 * {@link Instant#toString()}'s text (RFC 3339 in UTC: {@code 2026-11-21T10:15:00Z}, fraction
 * in groups of three digits, none when whole) written into a buffer without the formatter
 * machinery: a 24-hour chart has thousands of timestamps, and formatting them through
 * {@code DateTimeFormatter} was a tenth of the api's CPU under load.
 */
final class InstantText {

    /** Longest text: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_LENGTH = 30;

    private static final long SECONDS_PER_DAY = 86_400;
    private static final long YEAR_10000 = 253_402_300_800L; // 10000-01-01T00:00:00Z

    private InstantText() {
    }

    /**
     * Writes {@code instant} at {@code out[0..]} (at least {@link #MAX_LENGTH} long) and returns
     * the length written; -1, writing nothing, for years outside 1970..9999 (the store keeps
     * none), which {@link Instant#toString()} is left to.
     */
    static int write(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < 0 || seconds >= YEAR_10000) {
            return -1;
        }
        long days = seconds / SECONDS_PER_DAY;
        int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
        long z = days + 719_468;
        long era = z / 146_097;
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yearOfEra + era * 400 + (month <= 2 ? 1 : 0));
        digits(year, 4, out, 0);
        out[4] = '-';
        digits(month, 2, out, 5);
        out[7] = '-';
        digits(day, 2, out, 8);
        out[10] = 'T';
        digits(secondOfDay / 3600, 2, out, 11);
        out[13] = ':';
        digits(secondOfDay / 60 % 60, 2, out, 14);
        out[16] = ':';
        digits(secondOfDay % 60, 2, out, 17);
        int at = 19;
        int nanos = instant.getNano();
        if (nanos != 0) {
            out[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                at = digits(nanos / 1_000_000, 3, out, at);
            } else if (nanos % 1_000 == 0) {
                at = digits(nanos / 1_000, 6, out, at);
            } else {
                at = digits(nanos, 9, out, at);
            }
        }
        out[at++] = 'Z';
        return at;
    }

    private static int digits(int value, int width, char[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
