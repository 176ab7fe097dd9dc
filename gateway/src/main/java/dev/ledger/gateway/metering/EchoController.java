package dev.ledger.gateway.metering;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The first metered endpoint (API.md §6). */
@RestController
@Tag(name = "Metered", description = "Endpoints charged to the caller's billing wallet")
public class EchoController {

    public record Echo(boolean ok, String message) {
    }

    @GetMapping(path = "/api/echo", produces = MediaType.APPLICATION_JSON_VALUE)
    @Metered(costMinorUnits = 1)
    @Operation(operationId = "echo", summary = "Costs 1 minor unit of the caller's billing wallet per successful call")
    public Echo echo() {
        return new Echo(true, "Service did its job!");
    }
}
