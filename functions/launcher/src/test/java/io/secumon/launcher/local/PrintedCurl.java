package io.secumon.launcher.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A {@code curl -H "Name: value" "url"} command as printed for a newcomer to paste, run as
 * printed: with the real {@code curl} when this machine has one (the output only gains
 * {@code --silent --show-error}, which change nothing sent), else with Java's HTTP client
 * sending the same header to the same URL.
 */
record PrintedCurl(List<String> arguments) {

    /** Splits {@code command} as a POSIX shell would: words, double-quoted strings kept whole. */
    static PrintedCurl parse(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        boolean quoted = false;
        for (char c : command.strip().toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = (word == null ? new StringBuilder() : word).append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unbalanced quotes in: " + command);
        }
        if (word != null) {
            words.add(word.toString());
        }
        if (words.isEmpty() || !words.get(0).equals("curl")) {
            throw new IllegalArgumentException("not a curl command: " + command);
        }
        return new PrintedCurl(List.copyOf(words.subList(1, words.size())));
    }

    /** The response body. */
    String run() throws IOException, InterruptedException {
        Optional<Path> curl = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "curl"))
                .filter(Files::isExecutable)
                .findFirst();
        return curl.isPresent() ? withCurl(curl.get()) : withHttpClient();
    }

    private String withCurl(Path curl) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(curl.toString(), "--silent", "--show-error",
                "--max-time", "10"));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] body = process.getInputStream().readAllBytes();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    private String withHttpClient() throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(10));
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (argument.equals("-H") && i + 1 < arguments.size()) {
                String[] header = arguments.get(++i).split(":\\s*", 2);
                request.header(header[0], header[1]);
            } else if (argument.startsWith("-")) {
                throw new IllegalArgumentException("option " + argument + " is not understood here");
            } else {
                request.uri(URI.create(argument));
            }
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        }
    }
}
