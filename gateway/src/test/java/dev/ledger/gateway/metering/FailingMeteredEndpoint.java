package dev.ledger.gateway.metering;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Test-only: a metered endpoint that always fails, to prove failures are never charged. */
@RestController
class FailingMeteredEndpoint {

    @GetMapping("/api/test/metered-failure")
    @Metered(costMinorUnits = 1)
    ResponseEntity<Map<String, Object>> fail() {
        return ResponseEntity.status(503).body(Map.of("ok", false));
    }
}
