"""Publishing the book (juesuan.publish)."""
