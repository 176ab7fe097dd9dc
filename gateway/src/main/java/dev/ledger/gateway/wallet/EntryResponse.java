package dev.ledger.gateway.wallet;

import dev.ledger.events.wallet.EntryType;
import dev.ledger.events.wallet.EntryView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** A journal entry of API.md §7. */
public record EntryResponse(String entryId, long sequence, @Schema(implementation = EntryType.class) String type,
                            String amount, String balanceAfter,
                            String heldAfter, String availableAfter, String reference, String counterparty,
                            String idempotencyKey, Instant occurredAt) {

    static EntryResponse of(EntryView entry) {
        return new EntryResponse(entry.entryId(), entry.sequence(), entry.type().name(),
                entry.amount() == null ? null : entry.amount().toDecimalString(),
                entry.balanceAfter().toDecimalString(), entry.heldAfter().toDecimalString(),
                entry.availableAfter().toDecimalString(), entry.reference(), entry.counterparty(),
                entry.idempotencyKey(), entry.occurredAt());
    }
}
