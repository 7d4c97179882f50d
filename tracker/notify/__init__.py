"""Email: queue in the outbox (same transaction as the cause), deliver separately."""
