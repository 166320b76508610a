"""Use cases the screens call; each returns what changed."""
