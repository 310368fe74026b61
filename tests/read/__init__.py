"""Reading reports (juesuan.read)."""
