package dev.ledger.events.transfer;

import java.util.Map;

/**
 * Answers a {@link TransferPage}, newest first. {@code ownerId} limits to transfers touching a wallet of that owner (a
 * client's own), {@code walletId} to those touching that wallet; {@code metadata} entries must all match. Null or
 * empty means no limit.
 */
public record ListTransfersQuery(String ownerId, String walletId, TransferStatus status, Map<String, String> metadata,
                                 int limit, String cursor) {

    public ListTransfersQuery {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }
}
