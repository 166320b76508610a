"""The PySide6 program: windows, Qt models, workers."""
