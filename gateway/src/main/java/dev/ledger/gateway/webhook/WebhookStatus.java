package dev.ledger.gateway.webhook;

/** An endpoint's state: a DISABLED one queues nothing new, and what it has queued waits until it is enabled again. */
enum WebhookStatus { ENABLED, DISABLED }
