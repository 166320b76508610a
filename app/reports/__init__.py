"""The district's figures: progress of the survey season and statistics of the registry (no Qt)."""
