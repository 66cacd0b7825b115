"""Stage 5, what readers get: the renderers (``render/``), the day's files written atomically,
the archive and Atom feed, and whether a day is up to date with its inputs."""
