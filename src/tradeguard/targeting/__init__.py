"""The targeting engine: rules as validated SQL predicates, evaluated in batch and in real time."""
