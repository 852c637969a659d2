package io.secumon.api;

import io.secumon.api.auth.ApiKeyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The {@code api} function as a process: the reactive REST API and live metrics over
 * WebSocket. With {@code issue-key} or {@code revoke-key} as first argument it runs that
 * command instead (see {@link ApiKeyCommand}) and exits.
 */
@SpringBootApplication
public class ApiApplication {

    public static void main(String[] args) {
        if (args.length > 0 && ApiKeyCommand.handles(args[0])) {
            System.exit(ApiKeyCommand.run(args, System.out, System.err));
        }
        SpringApplication.run(ApiApplication.class, args);
    }
}
