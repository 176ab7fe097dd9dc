package dev.ledger.gateway.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.operations.CorrelationIdFilter;
import java.io.IOException;
import java.io.Writer;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * Tomcat's last word on an error, as problem+json instead of its HTML page. It answers what never reaches Spring:
 * a URL with a bad %-escape or an illegal character, a request line or header Tomcat cannot parse or will not hold,
 * an HTTP version or transfer coding it does not speak. Everything that reaches Spring has its body already, and
 * is left alone.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final ObjectMapper json;

    public ProblemErrorReportValve(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        // the same guards as Tomcat's own report: an error, nothing written yet, reported once, a client to write to
        if (response.getStatus() < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        String correlationId = correlationId(request);
        LedgerException problem = ContainerErrors.problem(response.getStatus(), correlationId);
        // a request Tomcat could not parse comes with its exception too; that is the client's fault, not news
        if (throwable != null && response.getStatus() >= 500) {
            log.error("unexpected failure in the servlet container, correlationId={}", correlationId, throwable);
        }
        ResponseEntity<Object> answer = Problems.response(problem, HttpHeaders.EMPTY);
        try {
            response.setStatus(answer.getStatusCode().value());
            answer.getHeaders().forEach((name, values) -> {
                if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                    values.forEach(value -> response.addHeader(name, value));
                }
            });
            response.setContentType(Problems.PROBLEM_JSON.toString());
            response.setCharacterEncoding("utf-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(answer.getBody()));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException clientGoneOrResponseClosed) {
            // nothing left to tell anyone: the connection is closed after an error like this anyway
        }
    }

    private static String correlationId(Request request) {
        Object set = request.getAttribute(CorrelationIdFilter.REQUEST_ATTRIBUTE);
        return set instanceof String id ? id : UUID.randomUUID().toString();
    }
}
