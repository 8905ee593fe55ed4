package org.hls.command;

import java.time.Clock;

import org.hls.web.ProblemAnswers;
import org.hls.web.ShiftableClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@Import(ProblemAnswers.class)
@EnableScheduling // the idempotency keys past their time are dropped each hour (KeptKeys)
public class CommandServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandServiceApplication.class, args);
    }

    /** The one place commands learn the time: controllers stamp it on each command. A fault campaign may shift it. */
    @Bean
    Clock clock(@Value("${hls.faults.clock-shifts}") String shifts, @Value("${spring.application.name}") String name) {
        return ShiftableClock.of(shifts, name);
    }
}
