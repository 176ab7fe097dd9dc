package dev.ledger.events.transfer;

public enum TransferStatus { PENDING, COMPLETED, FAILED }
