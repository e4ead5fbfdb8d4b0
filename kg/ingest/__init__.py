"""Stage package; see the modules."""
