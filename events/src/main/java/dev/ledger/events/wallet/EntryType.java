package dev.ledger.events.wallet;

/** The journal's entry types (API.md §7): one entry for every event on a wallet after it was opened. */
public enum EntryType {
    DEPOSITED, WITHDRAWN, HOLD_PLACED, HOLD_CAPTURED, HOLD_VOIDED, HOLD_EXPIRED, TRANSFER_SENT, TRANSFER_RECEIVED,
    TRANSACTION_DEBITED, TRANSACTION_CREDITED, ESCROW_RECEIVED, FROZEN, UNFROZEN, CLOSED
}
