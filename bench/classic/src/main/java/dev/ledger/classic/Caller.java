package dev.ledger.classic;

/** Who sent a request, from its API key. */
record Caller(String userId, String role) {

    static final String ATTRIBUTE = "dev.ledger.classic.Caller";

    boolean mayMoveMoneyOf(String ownerId) {
        return userId.equals(ownerId) || "admin".equals(role);
    }
}
