package dev.ledger.query.table;

/**
 * Which physical tables a projection writes: the live read model that queries answer from, or its twin, where a
 * replay rebuilds the read model from the whole history before the two are swapped (each read model table
 * {@code t} has a twin {@code t_rebuild} of the same shape, see the V8 migrations).
 */
public enum ReadModelTables {
    LIVE(""),
    REBUILD("_rebuild");

    private final String suffix;

    ReadModelTables(String suffix) {
        this.suffix = suffix;
    }

    /** The physical name of the read model table {@code table}. */
    public String of(String table) {
        return table + suffix;
    }
}
