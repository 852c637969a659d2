package io.secumon.agent.config;

/** Bad agent configuration; the message starts with the setting's name ({@code collector.endpoint: ...}). */
public final class ConfigException extends RuntimeException {

    public ConfigException(String setting, String problem) {
        super(setting + ": " + problem);
    }
}
