package dev.ledger.events.escrow;

public enum EscrowRole { BUYER, SELLER }
