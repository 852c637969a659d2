package io.secumon.pipeline.settings;

import java.util.function.UnaryOperator;

/**
 * Reads the functions' settings from resolved properties (application.yml fills them from
 * {@code SECUMON_*} environment variables) with one error style for all of them: the
 * message names the environment variable first, because that is what an operator sets.
 */
public final class SettingValues {

    private SettingValues() {
    }

    /**
     * The trimmed value of {@code key}.
     *
     * @throws IllegalArgumentException naming {@code variable} when it is unset or blank
     */
    public static String text(UnaryOperator<String> property, String key, String variable) {
        String value = property.apply(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " (" + key + ") must be set");
        }
        return value.trim();
    }

    /**
     * The integer value of {@code key}, from {@code min} to {@code max}.
     *
     * @throws IllegalArgumentException naming {@code variable} when it is unset, not an integer or out of range
     */
    public static long number(UnaryOperator<String> property, String key, String variable, long min, long max) {
        String value = text(property, key, variable);
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw bad(variable, key, "an integer from " + min + " to " + max, value);
    }

    /** The error for a value that is set but unusable: what was expected and what was given. */
    public static IllegalArgumentException bad(String variable, String key, String expected, String got) {
        return new IllegalArgumentException(variable + " (" + key + ") must be " + expected + ", got '" + got + "'");
    }
}
