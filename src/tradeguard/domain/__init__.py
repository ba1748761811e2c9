"""The domain core: entities, value objects, state machines and pure calculations. No I/O."""
