"""E-mail: an outbox written in the event's transaction, composed and delivered over SMTP later."""
