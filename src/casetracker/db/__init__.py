"""Storage: the declarative base, column types, engine factory and migrations."""
