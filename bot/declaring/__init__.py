"""What the declaration, objectives, représentation and status routers share."""
