"""Reference data shipped with the application (French départements and regions)."""
