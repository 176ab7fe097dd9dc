package dev.ledger.events.wallet;

public enum WalletStatus { ACTIVE, FROZEN, CLOSED }
