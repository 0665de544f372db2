"""Bulk imports run by operators: companies (simple list or official open-data export) and
declarant emails, from CSV or spreadsheet files."""
