package dev.ledger.gateway.projection;

/**
 * The answer to {@code POST /api/admin/projections/{name}/dead-letters/retry}: how many parked events were applied
 * (and left the queue), how many are still parked, and the projection's status after the retry.
 */
public record DeadLetterRetryResponse(String name, long processed, long stillParked, String status) {
}
