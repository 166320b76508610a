"""Sync between the laptops and the district's central server (ARCHITECTURE.md section 4)."""
