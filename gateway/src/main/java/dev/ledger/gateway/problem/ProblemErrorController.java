package dev.ledger.gateway.problem;

import dev.ledger.events.problem.LedgerException;
import dev.ledger.gateway.operations.CorrelationIdFilter;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** What the servlet container answers for errors outside Spring MVC: problem+json too, never a stack trace. */
@Hidden
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<Object> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int code = status instanceof Integer value ? value : 500;
        LedgerException problem = ContainerErrors.problem(code,
                (String) request.getAttribute(CorrelationIdFilter.REQUEST_ATTRIBUTE));
        return Problems.response(problem, HttpHeaders.EMPTY);
    }
}
