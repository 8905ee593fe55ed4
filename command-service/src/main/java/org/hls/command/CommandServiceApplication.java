package org.hls.command;

import java.time.Clock;

import org.hls.web.ProblemAnswers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@Import(ProblemAnswers.class)
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one place commands learn the time: controllers stamp it on each command. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
