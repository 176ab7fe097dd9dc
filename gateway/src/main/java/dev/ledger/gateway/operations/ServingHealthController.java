package dev.ledger.gateway.operations;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /actuator/health} on the API port (API.md §8): only whether this instance can serve, for a load balancer
 * or an orchestrator's probe. UP once it has started (its first admin key registered, its processors running) and
 * while the database answers, whatever the read models do (a replay, a parked event or a lagging projection does not
 * make the instance worth pulling); DOWN within seconds when the database is gone, and from the moment it begins to
 * shut down. The details are on the management port, which answers this path itself when both ports are one.
 */
@RestController
@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
// a probe's endpoint, outside the client contract like the rest of /actuator (docs/adr/017): no key, no problem body
@Hidden
@Tag(name = "Operations")
public class ServingHealthController {

    private final ApplicationAvailability availability;
    private final DatabaseReachability database;

    public ServingHealthController(ApplicationAvailability availability, DatabaseReachability database) {
        this.availability = availability;
        this.database = database;
    }

    @GetMapping(path = "/actuator/health", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Whether this instance serves (no key): {\"status\": \"UP\"}, or 503 {\"status\": \"DOWN\"} "
            + "while the database cannot be reached. Details and metrics are on the management port")
    public ResponseEntity<Map<String, String>> health() {
        boolean up = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
                && database.reachable().isPresent();
        return ResponseEntity.status(up ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .body(Map.of("status", up ? "UP" : "DOWN"));
    }
}
