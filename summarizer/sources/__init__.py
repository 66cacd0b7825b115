"""Where articles come from: files (and, later, feeds)."""
