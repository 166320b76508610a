"""The demo district: a fictitious registry shaped like a real district (scale.md)."""
