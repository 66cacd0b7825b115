"""Stage 4, the day as stories: duplicates dropped or merged, articles clustered by event,
each story's key points picked across its articles, and the digest built and ranked."""
