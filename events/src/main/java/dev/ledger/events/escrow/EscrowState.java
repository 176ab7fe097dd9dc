package dev.ledger.events.escrow;

public enum EscrowState { CREATED, FUNDED, RELEASED, REFUNDED, EXPIRED }
