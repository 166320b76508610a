"""The form engine: versioned YAML definitions drive screens, checks, prints and exports."""
