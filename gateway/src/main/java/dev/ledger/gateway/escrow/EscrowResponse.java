package dev.ledger.gateway.escrow;

import dev.ledger.events.escrow.EscrowState;
import dev.ledger.events.escrow.EscrowView;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** EscrowView of API.md §5. */
public record EscrowResponse(String escrowId, String buyerId, String sellerId, String buyerWalletId,
                             String sellerWalletId, String amount, String currency, String description,
                             @Schema(implementation = EscrowState.class) String state,
                             long expiresInSeconds, Instant createdAt, Instant fundedAt, Instant expiresAt,
                             Instant releasedAt, Instant refundedAt, Instant expiredAt, long version,
                             Map<String, String> metadata) {

    public static EscrowResponse of(EscrowView view) {
        return new EscrowResponse(view.escrowId(), view.buyerId(), view.sellerId(), view.buyerWalletId(),
                view.sellerWalletId(), view.amount().toDecimalString(), view.amount().currency(), view.description(),
                view.state().name(), view.expiresInSeconds(), view.createdAt(), view.fundedAt(), view.expiresAt(),
                view.releasedAt(), view.refundedAt(), view.expiredAt(), view.version(), new TreeMap<>(view.metadata()));
    }
}
