package dev.ledger.gateway.webhook;

/** PENDING until a 2xx (SUCCEEDED) or until its retries have run out (FAILED). */
enum DeliveryStatus { PENDING, SUCCEEDED, FAILED }
