package io.secumon.normalize;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Runs the normalize function bound to RabbitMQ (ingest -> samples). */
@SpringBootApplication
public class NormalizeApplication {

    public static void main(String[] args) {
        SpringApplication.run(NormalizeApplication.class, args);
    }
}
