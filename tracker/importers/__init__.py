"""Reading scoring and ranking sheets (xlsx or csv) into domain rows.

Pure Python: no Flask, no database. Parsers return every problem found, each
with its row number, so a user can fix a sheet in one go (CONTRACT.md §4).
"""
