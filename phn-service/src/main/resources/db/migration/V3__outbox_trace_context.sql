-- W3C trace context of the transaction that wrote the event: the relay publishes it as the message's
-- traceparent/tracestate (through its own PRODUCER span), so a consumer's work joins the registration's trace.
-- Lengths from the W3C Trace Context spec: traceparent version 00 is 55 characters; tracestate at most 32
-- list members of at most 256 characters, of which 512 is the size propagators are required to keep.
ALTER TABLE outbox ADD COLUMN traceparent varchar(55);
ALTER TABLE outbox ADD COLUMN tracestate varchar(512);
