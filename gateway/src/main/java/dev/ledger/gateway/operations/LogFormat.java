package dev.ledger.gateway.operations;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code LEDGER_LOG_FORMAT=json} (property {@code ledger.log-format}): the console log as one JSON object a line, in
 * Spring Boot's structured logging with the Elastic Common Schema, for a log shipper to read without parsing text;
 * {@code text}, the default, keeps the usual lines. Decided before the logging system starts, so even the first line
 * has the chosen shape. Spring's own {@code logging.structured.format.console}, when set, wins.
 */
public class LogFormat implements EnvironmentPostProcessor {

    static final String PROPERTY = "ledger.log-format";
    private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String format = environment.getProperty(PROPERTY, "text");
        switch (format) {
            case "text" -> {
            }
            case "json" -> {
                if (environment.getProperty(STRUCTURED_CONSOLE) == null) {
                    environment.getPropertySources().addLast(new MapPropertySource("ledgerLogFormat",
                            Map.of(STRUCTURED_CONSOLE, "ecs")));
                }
            }
            default -> throw new IllegalArgumentException(
                    "LEDGER_LOG_FORMAT (" + PROPERTY + ") is text or json, not " + format);
        }
    }
}
