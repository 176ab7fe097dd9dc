package dev.ledger.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class LogFormatTest {

    private final LogFormat logFormat = new LogFormat();

    @Test
    void jsonTurnsOnSpringBootsStructuredConsoleLogInTheElasticCommonSchema() {
        MockEnvironment environment = new MockEnvironment().withProperty("ledger.log-format", "json");

        logFormat.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("ecs");
    }

    @Test
    void textAndNothingLeaveTheUsualLines() {
        MockEnvironment text = new MockEnvironment().withProperty("ledger.log-format", "text");
        MockEnvironment unset = new MockEnvironment();

        logFormat.postProcessEnvironment(text, new SpringApplication());
        logFormat.postProcessEnvironment(unset, new SpringApplication());

        assertThat(text.getProperty("logging.structured.format.console")).isNull();
        assertThat(unset.getProperty("logging.structured.format.console")).isNull();
    }

    @Test
    void springsOwnSettingWins() {
        MockEnvironment environment = new MockEnvironment().withProperty("ledger.log-format", "json")
                .withProperty("logging.structured.format.console", "logstash");

        logFormat.postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("logging.structured.format.console")).isEqualTo("logstash");
    }

    @Test
    void anUnknownFormatStopsTheStartWithTheChoices() {
        MockEnvironment environment = new MockEnvironment().withProperty("ledger.log-format", "xml");

        assertThatThrownBy(() -> logFormat.postProcessEnvironment(environment, new SpringApplication()))
                .hasMessage("LEDGER_LOG_FORMAT (ledger.log-format) is text or json, not xml");
    }
}
