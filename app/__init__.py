"""Fieldvisit core: domain rules, forms, store, services and printing (no Qt)."""
