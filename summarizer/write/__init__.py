"""Build: each story's key points across its articles (or its headlines), and the
digest put together."""
