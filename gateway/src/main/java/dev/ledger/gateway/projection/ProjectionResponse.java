package dev.ledger.gateway.projection;

import dev.ledger.gateway.operations.ProcessorStatus;

/** One event processor in {@code GET /api/admin/projections} (API.md §7). */
public record ProjectionResponse(String name, String status, Long position, Long head, Long lag, boolean replaying,
                                 Double progress) {

    static ProjectionResponse of(ProcessorStatus processor) {
        return new ProjectionResponse(processor.name(), processor.state().name(), processor.position(),
                processor.head(), processor.lag(), Boolean.TRUE.equals(processor.replaying()), processor.progress());
    }
}
