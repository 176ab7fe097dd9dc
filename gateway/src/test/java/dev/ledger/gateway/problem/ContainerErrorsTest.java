package dev.ledger.gateway.problem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.events.problem.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What Tomcat decides on its own becomes a problem whose code and status agree, from the closed set of codes. */
class ContainerErrorsTest {

    @ParameterizedTest
    @CsvSource({"401, UNAUTHENTICATED", "403, FORBIDDEN", "404, NOT_FOUND", "405, METHOD_NOT_ALLOWED",
            "406, NOT_ACCEPTABLE", "415, UNSUPPORTED_MEDIA_TYPE", "503, SERVICE_UNAVAILABLE"})
    void aStatusTheContractNamesKeepsItsCode(int status, ErrorCode code) {
        assertThat(ContainerErrors.problem(status, "c-1").code()).isEqualTo(code);
        assertThat(Problems.status(code).value()).isEqualTo(status);
    }

    // 411 length required, 413 too large, 414 URI too long, 431 headers too large, 501 unknown transfer coding,
    // 505 unknown HTTP version: the request is at fault, and the closed set of codes calls that validation-failed
    @ParameterizedTest
    @ValueSource(ints = {400, 411, 413, 414, 417, 431, 501, 505})
    void anyOtherRefusalOfTheRequestIsAValidationFailure(int status) {
        assertThat(ContainerErrors.problem(status, "c-1").code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
    }

    @Test
    void aFailureOfTheServerIsAnInternalErrorWithItsCorrelationId() {
        var problem = ContainerErrors.problem(500, "c-1");

        assertThat(problem.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
        assertThat(problem.extensions()).containsEntry("correlationId", "c-1");
    }
}
