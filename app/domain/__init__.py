"""Value types and rules of the work: identifiers, code lists, ages, masking."""
