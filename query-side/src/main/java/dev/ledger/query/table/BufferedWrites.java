package dev.ledger.query.table;

/**
 * A projection that, while it rebuilds a read model (as the only writer of the twin tables), keeps some of its
 * writes in memory; {@link #flush()} writes them out, and is called before every commit of the replay.
 */
public interface BufferedWrites {

    void flush();
}
