"""Prints as PDF with reportlab (no Qt): form prints drawn from definitions, case papers, batches.

Data goes in (definitions, answers, registry facts, image bytes), PDF bytes come out with
the list of characters the font could not print. Reading the store and recording the
print in the audit log is `app.services.prints`' job.
"""
