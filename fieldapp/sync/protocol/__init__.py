"""What client and server share: the wire format, the merge rule, the clock and the roles."""
