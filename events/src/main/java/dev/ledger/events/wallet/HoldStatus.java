package dev.ledger.events.wallet;

public enum HoldStatus { ACTIVE, CAPTURED, VOIDED, EXPIRED }
