"""Services: change rows and flush; the caller (view or CLI command) commits once."""
